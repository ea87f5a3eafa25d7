using Coordinator.Console.App;
using Coordinator.Console.Connection;
using Spectre.Console;
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
    /// <param name="liveErrors">Standard error as it is written, for a test that reacts to a progress line; null: read at the end.</param>
    public static async Task<ConsoleRun> RunAsync(IReadOnlyList<string> args, ConsoleEnvironment? environment = null, IClusterConnector? connector = null, LiveErrors? liveErrors = null)
    {
        using var output = new TestConsole().Width(250);
        using var errors = new TestConsole().Width(250);
        IAnsiConsole errorConsole = errors;
        if (liveErrors is not null)
        {
            errorConsole = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(liveErrors),
            });
            errorConsole.Profile.Width = 250;
        }

        var code = await CoordinatorConsole.RunAsync(args, new ConsoleIo(output, errorConsole), connector, environment ?? ConsoleEnvironment.Empty);
        return new ConsoleRun(code, output.Output, liveErrors?.Text ?? errors.Output);
    }
}
