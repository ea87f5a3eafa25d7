namespace Coordinator.Fleet;

/// <summary>The fleet's one rule for what a caught exception means.</summary>
internal static class CallFailures
{
    /// <summary>
    /// True when <paramref name="exception"/> is a failed call (retried or counted), false only when it is the
    /// fleet's own cancellation: a call the runtime cancelled (storage frozen, a silo gone) is a failure too.
    /// </summary>
    public static bool IsFailure(Exception exception, CancellationToken fleetToken) =>
        exception is not OperationCanceledException || !fleetToken.IsCancellationRequested;
}
