using Coordinator.Client.Connection;
using Coordinator.Console.Connection;
using Coordinator.Operations.Errors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.App;

/// <summary>Prints an exception the way an operator needs it and picks the exit code. User mistakes never get a stack trace.</summary>
public static class ErrorReport
{
    public static int Write(IAnsiConsole error, Exception exception, bool debug, bool cancelled = false)
    {
        switch (exception)
        {
            case OperationCanceledException when cancelled:
                error.MarkupLine("[yellow]cancelled[/]: the command was interrupted; what the cluster already accepted stays accepted");
                return ExitCodes.Cancelled;

            case UsageException usage:
                WriteFieldErrors(error, usage.Headline, usage.Errors);
                return ExitCodes.InvalidInput;

            case ConnectionSettingsException settings:
                WriteFieldErrors(error, settings.Headline, settings.Errors);
                return ExitCodes.InvalidInput;

            case InvalidInputException invalid:
                WriteFieldErrors(error, $"the coordinator refused the input ({invalid.Code})", invalid.Errors);
                return ExitCodes.For(OperationErrors.Classify(invalid).Kind);

            case NotFoundException missing:
                WriteFieldErrors(error, $"no such {missing.What}", OperationErrors.Classify(missing).Errors);
                return ExitCodes.For(ErrorKind.NotFound);

            case StorageUnavailableException storage:
                error.MarkupLineInterpolated($"[red]storage unavailable[/]: {storage.Message}");
                error.WriteLine("  the change may or may not have been applied: read the state again (status, audit), then retry with the same idempotency key.");
                return ExitCodes.For(OperationErrors.Classify(storage).Kind);

            case CoordinatorException refused:
                error.MarkupLineInterpolated($"[red]refused[/] ({refused.Code}): {refused.Message}");
                return ExitCodes.For(OperationErrors.Classify(refused).Kind);

            case ClusterUnreachableException unreachable:
                error.MarkupLineInterpolated($"[red]cluster unreachable[/]: tried {unreachable.Target}");
                error.MarkupLineInterpolated($"  {unreachable.InnerException?.Message ?? unreachable.Message}");
                error.WriteLine("  check that a silo is running with the same mode, cluster id and service id (or run 'demo').");
                WriteStackIf(error, debug, exception);
                return ExitCodes.For(ErrorKind.Unavailable);

            case CommandParseException or CommandRuntimeException:
                WriteSpectreError(error, (CommandAppException)exception);
                return ExitCodes.InvalidInput;

            default:
                error.MarkupLineInterpolated($"[red]unexpected error[/] ({exception.GetType().Name}): {exception.Message}");
                if (!debug)
                {
                    error.WriteLine("  run again with --debug for the stack trace");
                }

                WriteStackIf(error, debug, exception);
                return ExitCodes.Unexpected;
        }
    }

    private static void WriteFieldErrors(IAnsiConsole error, string headline, IReadOnlyList<FieldError> errors)
    {
        error.MarkupLineInterpolated($"[red]invalid input[/]: {headline}");
        foreach (var field in errors)
        {
            error.MarkupLineInterpolated($"  [bold]{field.Field}[/]: {field.Reason}");
        }
    }

    private static void WriteSpectreError(IAnsiConsole error, CommandAppException exception)
    {
        if (exception.Pretty is { } pretty)
        {
            error.Write(pretty);
        }
        else
        {
            error.MarkupLineInterpolated($"[red]error[/]: {exception.Message}");
        }

        error.WriteLine("  see --help for usage");
    }

    private static void WriteStackIf(IAnsiConsole error, bool debug, Exception exception)
    {
        if (debug)
        {
            error.WriteLine(exception.ToString());
        }
    }
}
