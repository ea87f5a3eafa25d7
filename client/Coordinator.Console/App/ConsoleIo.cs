using Spectre.Console;

namespace Coordinator.Console.App;

/// <summary>Where the console writes: results to <see cref="Out"/>, errors to <see cref="Error"/>.</summary>
public sealed record ConsoleIo(IAnsiConsole Out, IAnsiConsole Error)
{
    /// <summary>Standard output and standard error of this process.</summary>
    public static ConsoleIo Standard()
    {
        var output = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });

        // Logs and CI have no window: keep tables readable instead of squeezing them into 80 columns.
        if (System.Console.IsOutputRedirected)
        {
            output.Profile.Width = 120;
        }

        if (System.Console.IsErrorRedirected)
        {
            error.Profile.Width = 120;
        }

        return new ConsoleIo(output, error);
    }
}
