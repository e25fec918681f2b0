"""The one command table: what each command is called, takes and does, and how it is dispatched.

Every platform derives its commands from this table (Slack and Discord registration, ``/help``,
the README's list, the tests that run every example), so a command is described exactly once.
"""

from __future__ import annotations

import difflib
import logging
import re
import uuid
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.core.errors import BotError, PermissionDenied, UsageError
from bot.core.reply import Reply, Visibility

if TYPE_CHECKING:
    from bot.core.services import Services

log = logging.getLogger(__name__)

Args = Mapping[str, str]

_COMMAND_LINE = re.compile(r"/(\S+)(.*)", re.DOTALL)
# One argument: a "quoted phrase" (straight or curly quotes), else a run of non-space characters.
_WORD = re.compile(r'"([^"]*)"(?=\s|$)|“([^”]*)”(?=\s|$)|(\S+)')
Handler = Callable[["CommandContext", Args], Awaitable[Reply]]
Completer = Callable[["Services", str], list[str]]


@dataclass(frozen=True)
class Param:
    """One parameter of a command.

    Attributes:
        name: identifier, also the Discord option name.
        description: one line for help texts and platform UIs.
        required: whether the command refuses to run without it.
        rest: takes the rest of the line (only the last parameter).
        complete: suggests values for a partly typed argument, fast and from the store only
            (Discord autocomplete); gets the services and the text typed so far.
    """

    name: str
    description: str
    required: bool = False
    rest: bool = False
    complete: Completer | None = None


@dataclass(frozen=True)
class CommandSpec:
    """A command: its name, one-line summary, parameters, examples and handler."""

    name: str
    summary: str
    handler: Handler
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    admin_only: bool = False
    visibility: Visibility = "ephemeral"

    @property
    def usage(self) -> str:
        """The syntax line, e.g. ``/search <query>``."""
        parts = [f"/{self.name}"]
        for param in self.params:
            parts.append(f"<{param.name}>" if param.required else f"[{param.name}]")
        return " ".join(parts)


@dataclass(frozen=True)
class Invocation:
    """A command as typed by someone somewhere, before it is parsed.

    Attributes:
        name: command name without the slash.
        text: the raw argument text (Slack and the console give one string).
        options: already-split arguments (Discord gives typed options); used instead of ``text``.
        platform: ``console``, ``slack`` or ``discord``.
        user_id: who typed it.
        channel_id: where it was typed.
        is_admin: whether the adapter established the user may run admin commands.
        workspace_id: the Slack team or Discord guild the channel belongs to, if any.
        missing: what the bot is not allowed to do in this channel, in words for its users
            (e.g. "pin messages (Pin Messages)"), when the platform says so (Discord does).
    """

    name: str
    text: str = ""
    options: Mapping[str, str] | None = None
    platform: str = "console"
    user_id: str = "console"
    channel_id: str = "console"
    is_admin: bool = False
    workspace_id: str = ""
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class CommandContext:
    """What a handler gets besides its arguments."""

    services: Services
    invocation: Invocation


@dataclass
class CommandTable:
    """An ordered set of commands, looked up by name."""

    specs: dict[str, CommandSpec] = field(default_factory=dict)

    def add(self, spec: CommandSpec) -> None:
        """Register a command; names must be unique and the ``rest`` parameter last."""
        if spec.name in self.specs:
            raise ValueError(f"duplicate command /{spec.name}")
        if any(p.rest for p in spec.params[:-1]):
            raise ValueError(f"/{spec.name}: only the last parameter may take the rest of the line")
        self.specs[spec.name] = spec

    def __iter__(self) -> Iterator[CommandSpec]:
        return iter(self.specs.values())

    def get(self, name: str) -> CommandSpec:
        """Return the command called ``name`` (case-insensitive, leading slash allowed).

        Raises:
            UsageError: no such command; the hint suggests the closest name.
        """
        key = name.strip().lstrip("/").lower()
        if key in self.specs:
            return self.specs[key]
        close = difflib.get_close_matches(key, list(self.specs), n=1)
        hint = f"Did you mean /{close[0]}? " if close else ""
        shown = key if len(key) <= 40 else key[:39] + "…"
        raise UsageError(f"There is no command /{shown}.", hint=f"{hint}Type /help for the list.")


def split_command_line(line: str) -> tuple[str, str]:
    """Split ``"/search sanctions bill"`` into ``("search", "sanctions bill")``.

    Raises:
        UsageError: the line does not start with a slash command.
    """
    match = _COMMAND_LINE.fullmatch(line.strip())
    if match is None:
        raise UsageError(
            "Commands start with a slash, like /search sanctions.", hint="Type /help for the list."
        )
    return match.group(1), match.group(2).strip()


def bind_args(spec: CommandSpec, text: str) -> dict[str, str]:
    """Assign what was typed after the command name to the parameters of ``spec``.

    Each parameter takes one word, or a "quoted phrase" (quotes removed); a parameter with
    ``rest`` takes the remaining text exactly as typed, quotes and apostrophes included.

    Raises:
        UsageError: a required parameter is missing or there are too many words.
    """
    args: dict[str, str] = {}
    remaining = text.strip()
    for param in spec.params:
        if not remaining:
            break
        if param.rest:
            args[param.name], remaining = remaining, ""
            break
        match = _WORD.match(remaining)
        assert match is not None  # remaining is non-empty and starts with non-space
        args[param.name] = next(group for group in match.groups() if group is not None)
        remaining = remaining[match.end() :].lstrip()
    if remaining:
        raise UsageError(f"/{spec.name} takes no more than that.", hint=f"Usage: {spec.usage}")
    return _check_required(spec, args)


def bind_options(spec: CommandSpec, options: Mapping[str, str]) -> dict[str, str]:
    """Check already-split arguments (e.g. Discord options) against ``spec``.

    Raises:
        UsageError: an unknown option or a missing required one.
    """
    known = {p.name for p in spec.params}
    unknown = sorted(set(options) - known)
    if unknown:
        raise UsageError(f"/{spec.name} has no option {unknown[0]!r}.", hint=f"Usage: {spec.usage}")
    args = {k: v.strip() for k, v in options.items() if v is not None and v.strip()}
    return _check_required(spec, args)


def _check_required(spec: CommandSpec, args: dict[str, str]) -> dict[str, str]:
    missing = [p for p in spec.params if p.required and not args.get(p.name)]
    if missing:
        example = f" For example: {spec.examples[0]}" if spec.examples else ""
        raise UsageError(
            f"/{spec.name} needs {missing[0].name}: {missing[0].description}.",
            hint=f"Usage: {spec.usage}.{example}",
        )
    return args


async def dispatch(table: CommandTable, services: Services, invocation: Invocation) -> Reply:
    """Run one invocation and always return a reply, never raise.

    Problems with the request become friendly notices; unexpected failures are logged with a
    reference the user can quote, and the user sees that reference rather than a stack trace.
    """
    try:
        spec = table.get(invocation.name)
        if spec.admin_only and not invocation.is_admin:
            raise PermissionDenied(
                f"/{spec.name} is for admins only.", hint="Ask an admin of this bot to run it."
            )
        if invocation.options is not None:
            args = bind_options(spec, invocation.options)
        else:
            args = bind_args(spec, invocation.text)
        return await spec.handler(CommandContext(services, invocation), args)
    except BotError as exc:
        return Reply.notice(exc.message, hint=exc.hint, error=True)
    except Exception:
        ref = uuid.uuid4().hex[:8]
        log.exception("command /%s failed (ref %s)", invocation.name, ref)
        return Reply.notice(
            f"Sorry, /{invocation.name} failed because of a problem on my side.",
            hint=f"It has been logged with reference {ref}.",
            error=True,
        )


def build_table(specs: Iterable[CommandSpec]) -> CommandTable:
    """Make a table from specs, in the order given."""
    table = CommandTable()
    for spec in specs:
        table.add(spec)
    return table
