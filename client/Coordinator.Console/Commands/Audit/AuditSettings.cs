using System.ComponentModel;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Audit;

/// <summary>Show (and verify) one audit chain.</summary>
public sealed class AuditSettings : AuditChainSettings
{
    [CommandOption("--verify")]
    [Description("Verify the hash chain on the grain (with the silo's audit key) and again locally (links and sequence); exit code 5 if it does not hold.")]
    public bool Verify { get; set; }

    [CommandOption("--json")]
    [Description("Print the entries (and the verdict, with --verify) as JSON on standard output (for scripts).")]
    public bool Json { get; set; }
}
