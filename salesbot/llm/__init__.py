"""The chat model: built from settings (model), its answers bounded (streaming) and cleaned (think), the prompts,
and the structured-output ladder."""
