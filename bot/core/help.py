"""``/help``: generated from the command table, so it can never disagree with it."""

from __future__ import annotations

from bot.core.commands import Args, CommandContext, CommandSpec, Param
from bot.core.reply import Block, Context, Header, Reply, Section


async def help_command(ctx: CommandContext, args: Args) -> Reply:
    """``/help [command]``: every command with its summary, or one command in detail."""
    table = ctx.services.commands
    name = args.get("command")
    if name:
        return _one(table.get(name))
    admin = ctx.invocation.is_admin
    blocks: list[Block] = [Header("What I can do")]
    for spec in table:
        if spec.admin_only and not admin:
            continue
        suffix = " (admins only)" if spec.admin_only else ""
        blocks.append(Section(f"{spec.usage} — {spec.summary}{suffix}"))
    blocks.append(Context("Type /help <command> for details and examples, e.g. /help search."))
    return Reply(tuple(blocks))


def _one(spec: CommandSpec) -> Reply:
    blocks: list[Block] = [Header(spec.usage), Section(spec.summary)]
    for param in spec.params:
        need = "required" if param.required else "optional"
        blocks.append(Section(f"{param.name} ({need}): {param.description}"))
    if spec.examples:
        blocks.append(Context("Examples: " + "   ".join(spec.examples)))
    if spec.admin_only:
        blocks.append(Context("Only admins of this bot can run it."))
    return Reply(tuple(blocks))


HELP = CommandSpec(
    name="help",
    summary="List the commands, or explain one.",
    handler=help_command,
    params=(Param("command", "a command to explain, e.g. search"),),
    examples=("/help", "/help search"),
)
