"""What a watcher cycle found and did, as text for the terminal and the log."""

from __future__ import annotations

from typing import Any

from bot.feeds.watcher import SourceReport

MAX_LINES = 40


def _item_line(
    outcome: str, item: str, slug: str | None, detail: str | None, announced: bool
) -> str:
    if outcome == "created":
        what = f"created {slug}" + (" (announced)" if announced else " (not announced: old)")
    elif outcome == "matched":
        what = f"is {slug}" + (f"; filled {detail}" if detail else "")
    elif outcome in {"ignored", "ambiguous", "invalid", "skipped"}:
        what = f"{outcome}: {detail}" if detail else outcome
    else:
        what = outcome
    return f"  {item:<48} {what}"


def counts(report: SourceReport) -> dict[str, int | bool]:
    """Per source: listing pages read, items seen in them, new models, models filled, new
    items a filter ignored, and whether the source failed."""
    return {
        "pages_read": report.pages,
        "items_seen": report.listed,
        "new": len(report.created),
        "filled": len(report.filled),
        "ignored": report.ignored,
        "failed": report.failed,
    }


def counts_text(report: SourceReport) -> str:
    c = counts(report)
    return (
        f"pages read {c['pages_read']}, items seen {c['items_seen']}, new {c['new']}, "
        f"filled {c['filled']}, ignored {c['ignored']}, failed {'yes' if c['failed'] else 'no'}"
    )


def source_text(report: SourceReport) -> str:
    if report.status == "skipped":
        return (
            f"{report.label}: skipped, backing off until {report.next_attempt_at} "
            f"({report.failures} failure{'s' if report.failures != 1 else ''} in a row; "
            f"last: {report.error})"
        )
    if report.status == "failed":
        return (
            f"{report.label}: failed after {report.requests} request(s), nothing written: "
            f"{report.error}\n  next attempt after {report.next_attempt_at} "
            f"({report.failures} failure{'s' if report.failures != 1 else ''} in a row)"
            f"\n  {counts_text(report)}"
        )
    lines = [
        f"{report.label}: {report.requests} request(s), {report.not_modified} not modified; "
        f"{report.listed} item(s) listed, {len(report.new)} new",
        f"  {counts_text(report)}",
    ]
    if report.seeded:
        lines.append(f"  first look at {', '.join(report.seeded)}: recorded, nothing announced")
    shown = [item for item in report.new if item.outcome != "seeded"]
    seeded = len(report.new) - len(shown)
    if seeded:
        lines.append(f"  {seeded} item(s) recorded as already there (seeding)")
    announced = set(report.announced)
    for item in shown[:MAX_LINES]:
        lines.append(
            _item_line(
                item.outcome,
                item.item,
                item.model_slug,
                item.detail,
                item.model_slug in announced,
            )
        )
    if len(shown) > MAX_LINES:
        lines.append(f"  ... and {len(shown) - MAX_LINES} more")
    new_slugs = {item.model_slug for item in shown}
    for slug, fields in report.filled.items():
        if slug not in new_slugs:
            lines.append(f"  filled {slug}: {', '.join(fields)}")
    for renamed, key in report.renamed.items():
        lines.append(f"  {renamed:<48} new id of {key} (recorded as its alias)")
    if report.deferred:
        lines.append(f"  left for the next cycle (request cap): {', '.join(report.deferred)}")
    if report.unfinished:
        lines.append(
            "  listing unfinished (request cap), next cycle goes on with its next page: "
            + ", ".join(report.unfinished)
        )
    lines.extend(f"  note: {warning}" for warning in report.warnings)
    if not shown and not report.filled and not seeded:
        lines.append("  nothing new")
    return "\n".join(lines)


def reports_text(reports: list[SourceReport]) -> str:
    return "\n".join(source_text(report) for report in reports)


def reports_json(reports: list[SourceReport]) -> list[dict[str, Any]]:
    return [
        {
            "source": r.source,
            "status": r.status,
            "counts": counts(r),
            "requests": r.requests,
            "not_modified": r.not_modified,
            "seeded": r.seeded,
            "new": [
                {"item": i.item, "outcome": i.outcome, "model": i.model_slug, "detail": i.detail}
                for i in r.new
            ],
            "created": r.created,
            "announced": r.announced,
            "filled": r.filled,
            "deferred": r.deferred,
            "unfinished": r.unfinished,
            "renamed": r.renamed,
            "warnings": r.warnings,
            "error": r.error,
            "failures": r.failures,
            "next_attempt_at": r.next_attempt_at,
        }
        for r in reports
    ]
