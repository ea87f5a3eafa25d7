using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Coordinator.Console.App;

/// <summary>Spectre's help, with the exit code table at the end (scripts branch on these).</summary>
internal sealed class ExitCodeHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        foreach (var renderable in base.GetFooter(model, command))
        {
            yield return renderable;
        }

        yield return new Markup(
            "\n[yellow]EXIT CODES:[/]\n"
            + $"    {ExitCodes.Ok}  ok\n"
            + $"    {ExitCodes.Unexpected}  unexpected error (stack trace with --debug)\n"
            + $"    {ExitCodes.InvalidInput}  invalid input: bad arguments, bad manifest file, input refused as invalid\n"
            + $"    {ExitCodes.Refused}  refused by the coordinator: stale epoch, arm not registered, already active, ...\n"
            + $"    {ExitCodes.Unreachable}  cluster unreachable with the given mode / port / cluster id\n"
            + $"    {ExitCodes.AuditFailed}  audit chain verification failed\n"
            + $"    {ExitCodes.RolledBack}  campaign rolled back (campaign start --watch, campaign watch)\n"
            + $"    {ExitCodes.WaitingForApproval}  campaign waiting for an operator's approval (campaign start --watch, campaign watch)\n"
            + $"    {ExitCodes.RollbackBlocked}  campaign rollback blocked, waiting for an operator (campaign start --watch, campaign watch)\n");
    }
}
