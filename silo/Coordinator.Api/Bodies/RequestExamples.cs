using System.Text.Json.Nodes;

namespace Coordinator.Api.Bodies;

/// <summary>One example request body per body type, shown in the OpenAPI document and its reference page.</summary>
internal static class RequestExamples
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(FlipBody)] = """{"to":"green","reason":"warm and hold gates passed"}""",
        [typeof(LeaseAcquireBody)] = """{"holder_id":"indexer-7","ttl_seconds":30}""",
        [typeof(LeaseTokenBody)] = """{"holder_id":"indexer-7","fencing_token":5,"ttl_seconds":30}""",
        [typeof(LeaseReleaseBody)] = """{"fencing_token":5}""",
        [typeof(ReasonBody)] = """{"reason":"incident 4411: p95 regression in eu-west"}""",
        [typeof(ConsumerConfigureBody)] = """{"consumer_ver":"consumer-41","partitions":8,"ledger_policy":"fail-closed"}""",
        [typeof(HeartbeatBody)] = """{"instance_id":"pod-1","consumer_ver":"consumer-41","paused":false}""",
        [typeof(CommitBody)] = """{"partition":0,"offset":17,"payload_hash":"sha256:9f2c","token":3,"consumer_ver":"consumer-41"}""",
        [typeof(MoveBody)] = """{"to_consumer_ver":"consumer-42","reason":"cutover to Green","drain_timeout_seconds":60}""",
        [typeof(ResetBody)] = """{"partition":1,"offset":0,"reason":"replay after the poison message was fixed"}""",
    };

    /// <summary>The example for <paramref name="body"/>, or null when it has none (manifests and specs have their JSON Schemas).</summary>
    public static JsonNode? For(Type body) => Examples.TryGetValue(body, out var json) ? JsonNode.Parse(json) : null;
}
