using Coordinator.Operations.Errors;

namespace Coordinator.Console.App;

/// <summary>The console's exit codes; scripts depend on them, so they never change meaning (see EXIT_CODES.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something nobody planned for; the message is printed, the stack trace only with --debug.</summary>
    public const int Unexpected = 1;

    /// <summary>Bad arguments, a bad manifest file, or input the coordinator refused as invalid.</summary>
    public const int InvalidInput = 2;

    /// <summary>The coordinator refused the command (stale epoch, arm already active, region claimed, ...).</summary>
    public const int Refused = 3;

    /// <summary>No silo could be reached with the given connection settings.</summary>
    public const int Unreachable = 4;

    /// <summary>The audit chain did not verify, on the grain or locally.</summary>
    public const int AuditFailed = 5;

    /// <summary>A campaign that was watched ended rolled back (failed gate, stop rule or abort).</summary>
    public const int RolledBack = 6;

    /// <summary>A campaign that was watched stopped to wait for an operator's approval.</summary>
    public const int WaitingForApproval = 7;

    /// <summary>A campaign that was watched could not finish its rollback on its own and waits for an operator.</summary>
    public const int RollbackBlocked = 8;

    /// <summary>`evaluate`: the Warm gate failed the measured report.</summary>
    public const int WarmGateFailed = 9;

    /// <summary>`evaluate`: the Warm gate was inconclusive (errored items, too few complete items, an unpinned report).</summary>
    public const int WarmGateInconclusive = 10;

    /// <summary>Interrupted (Ctrl+C) before the command finished.</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// The exit code of a failure of <paramref name="kind"/>: the same kinds the HTTP API maps to statuses,
    /// so a refusal means the same on both. Every refusal of the coordinator (stale epoch, claimed region,
    /// conflict) is 3; a missing campaign or region is invalid input, as it always was on the console.
    /// </summary>
    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput or ErrorKind.NotFound => InvalidInput,
        ErrorKind.Conflict or ErrorKind.StaleEpoch or ErrorKind.Claimed => Refused,
        ErrorKind.Unavailable => Unreachable,
        _ => Unexpected,
    };
}
