using System.ComponentModel;
using Coordinator.Fleet;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Demo;

/// <summary>The demo starts its own silo, so it takes no connection options.</summary>
public sealed class DemoSettings : ConsoleSettings
{
    [CommandOption("--inject <REGION:METRIC=VALUE>")]
    [Description("Degrade Green in a region so the gates stop the campaign and the fleet rolls back (exit 6), e.g. ap-south:coverage=0.55. Repeatable. Metrics: coverage, delta_s, latency_factor, error_rate, http_5xx_rate, lambda_flip_rate, tool_loop_rate.")]
    public string[]? Inject { get; set; }

    [CommandOption("--json")]
    [Description("Print the fleet summary as JSON on standard output; everything else goes to standard error.")]
    public bool Json { get; set; }

    public IReadOnlyList<FaultInjection> Injections => FaultInjection.ParseAll(Inject, new List<FieldError>());

    public override ValidationResult Validate()
    {
        var errors = new List<FieldError>();
        FaultInjection.ParseAll(Inject, errors);
        return Result(errors);
    }
}
