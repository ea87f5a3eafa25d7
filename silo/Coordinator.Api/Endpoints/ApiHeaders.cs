namespace Coordinator.Api.Endpoints;

/// <summary>Request headers the API reads besides the standard ones.</summary>
internal static class ApiHeaders
{
    /// <summary>Repeats a flip, commit or move safely: the same key and request answer the first result.</summary>
    public const string IdempotencyKey = "Idempotency-Key";
}
