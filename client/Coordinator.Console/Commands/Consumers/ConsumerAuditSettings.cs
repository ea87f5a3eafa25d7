using System.ComponentModel;
using Coordinator.Console.Commands.Audit;
using Coordinator.Domain;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Consumers;

/// <summary>One consumer group's audit chain: the same as <c>audit &lt;service&gt; &lt;region&gt; --consumer-group &lt;group&gt;</c>.</summary>
public sealed class ConsumerAuditSettings : RegionSettings
{
    [CommandArgument(2, "<group>")]
    [Description("Consumer group name, e.g. orders (lowercase letters, digits, '-').")]
    public string Group { get; set; } = string.Empty;

    [CommandOption("--verify")]
    [Description("Verify the hash chain on the grain (with the silo's audit key) and again locally (links and sequence); exit code 5 if it does not hold.")]
    public bool Verify { get; set; }

    [CommandOption("--json")]
    [Description("Print the entries (and the verdict, with --verify) as JSON on standard output (for scripts).")]
    public bool Json { get; set; }

    public AuditTarget Target => new(Service, Region, Writer: null, ConsumerGroup: Group, Campaigns: false);

    protected override List<FieldError> CollectErrors()
    {
        var errors = base.CollectErrors();
        NameRules.Check("group", Group, errors);
        return errors;
    }
}
