"""The four endpoints of the original design, each one call into the same services the pages use."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import StreamingResponse

from salesbot.api.access import AppDep, require_token
from salesbot.api.errors import ApiError, status_and_code
from salesbot.api.idempotency import refuse_reused_key
from salesbot.api.schemas import (
    MAX_ID,
    CallIn,
    CallOut,
    CustomerIn,
    CustomerOut,
    ScriptIn,
    ScriptOut,
    TranscriptOut,
    UtteranceOut,
)
from salesbot.api.statuses import errors
from salesbot.bootstrap import App
from salesbot.errors import InvalidInput, SalesbotError
from salesbot.models import CustomerForm, SalesScript, ScriptOptions, version_number
from salesbot.services.place_call import CallRequest
from salesbot.services.scripts import ScriptDraft
from salesbot.telephony.simulated import simulated_by

log = logging.getLogger(__name__)
router = APIRouter(dependencies=[Depends(require_token)])
IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="required: the same key again returns the same call and never dials twice",
    ),
]


@router.post("/customers", status_code=201, summary="Store a customer", responses=errors(400, 401, 413, 422, 503))
def save_customer(body: CustomerIn, app: AppDep) -> CustomerOut:
    """Validated as the presenter's form is (same rules, same messages); the same name and number update it."""
    form = CustomerForm(
        name=body.name,
        country_code=body.country_code,
        phone_number=body.phone_number,
        email=body.email or "",
        conversation_history=body.conversation_history,
        topics="\n".join(body.topics),
    )
    return CustomerOut.of(app.presenter.save_customer(form))


@router.post(
    "/sales-script",
    status_code=201,
    summary="Write a script version",
    responses={
        200: {"model": ScriptOut, "description": "your own text, the same as the newest version: that version"},
        **errors(400, 401, 404, 413, 422, 502, 503),
    },
)
def write_script(body: ScriptIn, request: Request, response: Response, app: AppDep) -> Any:
    """A new script version for the customer, written by the configured writer (or `offline`). With `Accept:
    text/event-stream` the text streams as `chunk` events, then a `script` event carries the stored version (an
    `error` event if the writer fails midway: nothing is stored). A writer that fails before writing anything answers
    502. A script the model did not finish (it reached its token cap, OPENAI_SCRIPT_MAX_TOKENS, or its total time,
    OPENAI_MAX_SECONDS) is never stored: error code `script_cut` (502, or the stream's `error` event).

    With `script` (your own text, up to 20,000 characters) no writer runs: the text is stored as it is as the
    customer's newest version, writer `edited`, as the page's Save edits does (201); the same text as the newest
    version stores nothing and returns that version (200). Place a call with its `id` as `script_id` and the agent
    speaks it. `script` goes alone: with tone, language, length, offer or offline it is refused (422)."""
    if body.script is not None:
        if body.writer_options:
            message = (f"Send either `script` (your own text, stored as it is) or writer options, not both: leave out"
                       f" {', '.join(body.writer_options)}.")  # fmt: skip
            raise InvalidInput({"script": message}, message)
        script, new = app.presenter.save_own_script(body.customer_id, body.script)
        response.status_code = 201 if new else 200
        return _script_out(app, script)
    options = ScriptOptions(tone=body.tone, language=body.language, length=body.length, offer=body.offer)
    draft = app.presenter.write_script(body.customer_id, options, offline=body.offline)
    chunks = iter(draft)
    first = next(chunks, "")  # a writer that fails at once fails the request with its status
    if "text/event-stream" in request.headers.get("accept", ""):
        return StreamingResponse(
            _events(app, draft, itertools.chain([first], chunks)),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    for _ in chunks:
        pass
    return _script_out(app, _stored(draft))


def _events(app: App, draft: ScriptDraft, chunks: Iterator[str]) -> Iterator[str]:
    try:
        for chunk in chunks:
            yield _event("chunk", {"text": chunk})
        yield _event("script", _script_out(app, _stored(draft)).model_dump(mode="json"))
    except SalesbotError as e:
        yield _event("error", {"error": {"code": status_and_code(e)[1], "message": e.user_message}})
    except Exception:
        log.exception("streaming a script failed")
        yield _event("error", {"error": {"code": "internal_error", "message": "Something went wrong on the server."}})


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _stored(draft: ScriptDraft) -> SalesScript:
    assert draft.script is not None  # a draft iterated to its end is stored, or it raised
    return draft.script


def _script_out(app: App, script: SalesScript) -> ScriptOut:
    version = version_number(app.presenter.list_scripts(script.customer_id), script.id)
    return ScriptOut(version=version, **script.model_dump())


@router.post(
    "/call", status_code=202, summary="Place a call", responses=errors(400, 401, 403, 404, 409, 413, 422, 502, 503)
)
def place_call(body: CallIn, idempotency_key: IdempotencyKey, app: AppDep) -> CallOut:
    """Place a call (simulated, or real through Bland) with every rule of the page: consent for real calls, the
    allow-list, one open call per number, the do-not-call warning. The same Idempotency-Key again returns the same
    call and never dials again."""
    if body.simulated_by == "model" and not app.capabilities.rehearsal_model:
        raise ApiError(
            409,
            "no_model",
            'simulated_by "model" needs a language model (OPENAI_API_KEY); use "rules" or leave it out.',
            fields={"simulated_by": "No language model is configured."},
        )
    script_id = body.script_id or _newest_script(app, body.customer_id)
    asked = json.dumps(body.model_dump(mode="json"), sort_keys=True)
    request = CallRequest(body.customer_id, script_id, f"api:{idempotency_key}", consent=body.consent,
                          despite_do_not_call=body.despite_do_not_call, persona=body.persona,
                          simulated_by=body.simulated_by, request_fields=asked)  # fmt: skip
    call = app.presenter.start_call(request)
    refuse_reused_key(call, body)
    return CallOut.model_validate({**call.model_dump(), "simulated_by": simulated_by(call)})


def _newest_script(app: App, customer_id: int) -> int:
    scripts = app.presenter.list_scripts(app.presenter.get_customer(customer_id).id)
    if not scripts:
        raise InvalidInput({"script_id": "The customer has no script yet: write one with POST /api/sales-script."})
    return scripts[0].id


@router.get("/call-transcript", summary="A call's transcript so far", responses=errors(401, 404, 422, 503))
def call_transcript(
    app: AppDep,
    call_id: Annotated[int, Query(ge=1, le=MAX_ID)],
    after: Annotated[int, Query(ge=0, description="only lines with a higher index (the last one you saw)")] = 0,
) -> TranscriptOut:
    """The call brought up to date as the live panel does (one provider look-up per call however many clients
    ask); poll with `after` for only the new lines until `final` is true."""
    live = app.calls.refresh_call(call_id)
    call = live.call
    lines = [
        UtteranceOut(index=i, speaker=u.speaker, text=u.text, at=u.at)
        for i, u in enumerate(call.utterances, 1)
        if i > after
    ]
    return TranscriptOut(
        call_id=call.id,
        status=call.status,
        final=call.status.is_final,
        utterances=lines,
        total=len(call.utterances),
        speaking=live.speaking.text if live.speaking else None,
        problem=live.problem,
        error_message=call.error_message or None,
        duration_seconds=call.duration_seconds,
        analysis=call.analysis,
        analysis_error=call.analysis_error or None,
    )
