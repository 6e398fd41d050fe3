"""Bland's post-call webhook: signed deliveries settle the call exactly as the poller would."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from salesbot.api.access import AppDep, SettingsDep
from salesbot.api.errors import ApiError
from salesbot.api.schemas import WebhookOut
from salesbot.api.statuses import errors
from salesbot.telephony.bland_webhook import SIGNATURE_HEADER, read_delivery, signature_valid

log = logging.getLogger(__name__)
router = APIRouter()


@router.post(
    "/webhooks/bland",
    summary="Bland's post-call webhook",
    responses=errors(401, 404, 413, 422, 503),
)
async def bland_webhook(request: Request, settings: SettingsDep, app: AppDep) -> WebhookOut:
    """Bland's call object, accepted only when `X-Webhook-Signature` is the hex HMAC-SHA256 of the raw body under
    BLAND_WEBHOOK_SECRET. Lines are merged by id, so a repeated delivery changes nothing."""
    if not settings.bland_webhook_secret:
        raise ApiError(503, "webhook_off", "Set BLAND_WEBHOOK_SECRET (Bland's webhook signing secret) to accept it.")
    body = await request.body()
    if not signature_valid(settings.bland_webhook_secret, body, request.headers.get(SIGNATURE_HEADER)):
        log.warning("Bland webhook refused: missing or wrong signature")
        raise ApiError(401, "bad_signature", f"The {SIGNATURE_HEADER} header does not match this body.")
    report = read_delivery(body)
    call, changed = await run_in_threadpool(app.calls.settle_report, report)
    log.info("call %s: Bland webhook %s (%s)", call.id, "applied" if changed else "changed nothing", call.status.value)
    return WebhookOut(call_id=call.id, status=call.status, changed=changed)
