"""The service layer, one module per use case: presenter, calls, analysis, archive, replay."""
