using Coordinator.Console.App;
using Coordinator.Console.Connection;
using Spectre.Console.Testing;

namespace Coordinator.ConsoleTests.Infrastructure;

/// <summary>What one in-process run of the console printed and returned.</summary>
public sealed record ConsoleRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Both streams, for messages that may go to either.</summary>
    public string All => Output + Environment.NewLine + Errors;

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}--- stdout{Environment.NewLine}{Output}{Environment.NewLine}--- stderr{Environment.NewLine}{Errors}";

    /// <summary>
    /// Runs the console as Program.cs does, with wide test consoles (so tables do not wrap) and,
    /// unless given, no environment variables (so the machine's cannot leak in).
    /// </summary>
    public static async Task<ConsoleRun> RunAsync(IReadOnlyList<string> args, ConsoleEnvironment? environment = null, IClusterConnector? connector = null)
    {
        using var output = new TestConsole().Width(250);
        using var errors = new TestConsole().Width(250);
        var code = await CoordinatorConsole.RunAsync(args, new ConsoleIo(output, errors), connector, environment ?? ConsoleEnvironment.Empty);
        return new ConsoleRun(code, output.Output, errors.Output);
    }
}
