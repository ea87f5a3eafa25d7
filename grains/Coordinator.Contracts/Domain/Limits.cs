namespace Coordinator.Domain;

/// <summary>Lengths the coordinator accepts, shared so clients can check before they call.</summary>
public static class Limits
{
    public const int MaxOperatorLength = 128;
    public const int MaxReasonLength = 1024;
    public const int MaxIdempotencyKeyLength = 200;
}
