using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Coordinator.Api.Endpoints;

/// <summary>
/// GET active's body and ETag, serialized once per view: a region's view changes only on a flip, a
/// registration or a claim, while services may read it tens of thousands of times a second.
/// </summary>
public static class ActiveArmReplies
{
    /// <summary>What <c>TypedResults.Json</c> would send, so a cached reply is byte-for-byte the same.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    // Keyed by the view instance (immutable): a new view is a new entry, and the old one goes with its view.
    private static readonly ConditionalWeakTable<ActiveArmView, Reply> Cache = [];

    public static Reply Of(ActiveArmView view) =>
        Cache.GetValue(view, static v => new Reply(Preconditions.ETag(v.Epoch), JsonSerializer.SerializeToUtf8Bytes(ActiveArmResponse.Of(v), ApiJson.Options)));

    /// <summary>The ETag header value and the UTF-8 JSON body of one view.</summary>
    public sealed record Reply(string ETag, byte[] Body);
}
