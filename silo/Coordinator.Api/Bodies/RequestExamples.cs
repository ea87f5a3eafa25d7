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
        [typeof(WebhookBody)] = """{"url":"https://hooks.example.com/coordinator","secret":"at-least-16-characters","events":["gate_failed","rolled_back","rollback_blocked"],"format":"json"}""",
        [typeof(ResetBody)] = """{"partition":1,"offset":0,"reason":"replay after the poison message was fixed"}""",
        [typeof(ArmManifest)] = """
            {"index_hash":"idx-2026-11-02","embed_schema":"e5-large-v2@1024","rerank_conf":"bge-reranker-v2@topk50",
             "prompt_ver":"answer-v7","model_ver":"gpt-4.1-2025-04-14",
             "secrets_fingerprint":"sha256:9f2c4e1b7a3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a",
             "consumer_ver":"consumer-42","labels":{"team":"search"},
             "endpoints":{"eu-west":{"url":"http://10.0.0.5:8080","health_path":"/healthz"}}}
            """,
    };

    /// <summary>The example for <paramref name="body"/>, or null when it has none (campaign specs have their JSON Schema).</summary>
    public static JsonNode? For(Type body) => Examples.TryGetValue(body, out var json) ? JsonNode.Parse(json) : null;
}
