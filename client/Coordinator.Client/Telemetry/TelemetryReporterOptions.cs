namespace Coordinator.Client.Telemetry;

public sealed record TelemetryReporterOptions
{
    /// <summary>How often aggregated samples are sent to the coordinator. Between 100 ms and 60 s.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        if (FlushInterval < TimeSpan.FromMilliseconds(100) || FlushInterval > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), FlushInterval, "FlushInterval must be between 100 ms and 60 s");
        }
    }
}
