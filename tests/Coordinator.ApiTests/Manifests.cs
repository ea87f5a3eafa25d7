namespace Coordinator.ApiTests;

/// <summary>Manifest documents as a client would send them.</summary>
public static class Manifests
{
    public static string Json(string indexHash) => $$"""
        {
          "index_hash": "{{indexHash}}",
          "embed_schema": "e5-large-v2@1024",
          "rerank_conf": "bge-reranker-v2@topk50",
          "prompt_ver": "answer-v7",
          "model_ver": "gpt-4.1-2025-04-14",
          "secrets_fingerprint": "sha256:{{new string('a', 64)}}",
          "consumer_ver": "consumer-{{indexHash}}",
          "labels": { "team": "search" }
        }
        """;
}
