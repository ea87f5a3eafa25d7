namespace Coordinator.Api.Views;

/// <summary>An event stream's hold on a service: while it lives the service is never let go.</summary>
internal sealed class ServiceFollower(ServiceView view, TimeProvider time) : IDisposable
{
    private int _disposed;

    public ServiceView View { get; } = view;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // The idle time counts from the stream's end, not its start.
            View.Touch(time.GetTimestamp());
            View.RemoveFollower();
        }
    }
}
