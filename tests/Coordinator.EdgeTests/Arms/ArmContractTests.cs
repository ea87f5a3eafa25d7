using System.Net;
using System.Text.Json;
using Coordinator.Arms;
using Coordinator.Arms.Corpus;

namespace Coordinator.EdgeTests.Arms;

public sealed class ArmContractTests(ArmPairFixture arms) : IClassFixture<ArmPairFixture>
{
    /// <summary>Questions in an operator's words, with the section that answers each.</summary>
    public static TheoryData<string, string> Questions => new()
    {
        { "How long does each region bake during a deploy?", "deploys" },
        { "Which error rate or latency triggers an automatic rollback?", "rollbacks" },
        { "What happens to database load when the cache hit ratio drops?", "caches" },
        { "How often are full database backups taken and how far back can we restore?", "backups" },
        { "Who becomes the incident commander?", "incidents" },
        { "When does the on-call rotation hand over?", "oncall" },
        { "When does queue lag page the on-call engineer?", "queues" },
        { "How often do database passwords and API keys rotate?", "secrets" },
        { "When are TLS certificates renewed?", "network" },
        { "What is the rate limit of an API client?", "ratelimits" },
        { "How do I roll out a feature flag by percentage?", "flags" },
        { "When do instances scale out on CPU?", "capacity" },
    };

    [Fact]
    public async Task An_answer_carries_every_field_of_the_contract_in_snake_case()
    {
        using var response = await ArmHttp.PostRawAsync(arms.GreenClient, """{"question":"How often do secrets rotate?","seed":2,"top_k":4}""");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("green", Assert.Single(response.Headers.GetValues("x-arm-name")));
        Assert.Equal("green", root.GetProperty("arm").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("answer").GetString()));
        Assert.Equal(4, root.GetProperty("passages").GetArrayLength());
        foreach (var passage in root.GetProperty("passages").EnumerateArray())
        {
            Assert.Equal(["id", "section", "text", "score"], passage.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(["retrieve", "rerank", "reason"], root.GetProperty("timings_ms").EnumerateObject().Select(p => p.Name));
        Assert.Equal(arms.Green.Info.IndexHash, root.GetProperty("index_hash").GetString());
        Assert.Equal("prompt-v2", root.GetProperty("prompt_ver").GetString());
        Assert.Equal(2, root.GetProperty("seed").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task Both_arms_retrieve_the_answering_section_from_the_corpus(string question, string section)
    {
        foreach (var client in new[] { arms.BlueClient, arms.GreenClient })
        {
            var answer = await ArmHttp.AskAsync(client, question);

            // At most top_k: a passage sharing no word with the question is never returned.
            Assert.InRange(answer.Passages.Count, 1, 3);
            Assert.Equal(section, answer.Passages[0].Section);
            Assert.All(answer.Passages, p =>
            {
                var source = ArmCorpus.Shipped.Find(p.Id);
                Assert.NotNull(source);
                Assert.Equal((source.SectionId, source.Text), (p.Section, p.Text));
            });
            Assert.Equal(answer.Passages.OrderByDescending(p => p.Score).Select(p => p.Id), answer.Passages.Select(p => p.Id));
            Assert.All(new[] { answer.TimingsMs.Retrieve, answer.TimingsMs.Rerank, answer.TimingsMs.Reason }, t => Assert.True(t >= 0));
        }
    }

    [Fact]
    public async Task Blue_and_Green_compose_answers_differently_from_what_each_retrieved()
    {
        var questions = Questions.Select(row => (string)row[0]).ToArray();
        var differentSentences = 0;
        foreach (var question in questions)
        {
            var blue = await ArmHttp.AskAsync(arms.BlueClient, question);
            var green = await ArmHttp.AskAsync(arms.GreenClient, question);

            // Blue (prompt v1) quotes the start of its best passage.
            Assert.StartsWith(blue.Answer, blue.Passages[0].Text, StringComparison.Ordinal);

            // Green (prompt v2) quotes sentences of its passages and names them as sources.
            var sourcesAt = green.Answer.LastIndexOf(" (sources: ", StringComparison.Ordinal);
            Assert.True(sourcesAt > 0, $"Green's answer names no sources: {green.Answer}");
            var sources = green.Answer[(sourcesAt + 11)..^1].Split(", ");
            Assert.All(sources, id => Assert.Contains(id, green.Passages.Select(p => p.Id)));
            var body = green.Answer[..sourcesAt];
            Assert.All(Coordinator.Arms.Retrieval.Sentences.Split(body), s => Assert.Contains(green.Passages, p => p.Text.Contains(s, StringComparison.Ordinal)));
            if (body != blue.Answer)
            {
                differentSentences++;
            }
        }

        Assert.True(differentSentences >= questions.Length / 2, $"Green's answer quoted other sentences than Blue's for only {differentSentences} of {questions.Length} questions");
    }

    [Fact]
    public async Task The_builds_report_different_index_hashes_and_prompt_versions()
    {
        var blue = await ArmHttp.AskAsync(arms.BlueClient, "How are dead letters handled?");
        var green = await ArmHttp.AskAsync(arms.GreenClient, "How are dead letters handled?");

        Assert.Equal(arms.Blue.Info.IndexHash, blue.IndexHash);
        Assert.NotEqual(blue.IndexHash, green.IndexHash);
        Assert.Equal(("prompt-v1", "prompt-v2"), (blue.PromptVer, green.PromptVer));
        Assert.NotEqual(arms.Blue.Info.RerankConf, arms.Green.Info.RerankConf);
        Assert.Equal(ArmCorpus.Shipped.Passages.Count, arms.Green.Info.IndexedPassages);
    }

    [Fact]
    public async Task The_same_question_and_seed_give_the_same_answer_and_top_k_defaults_to_three()
    {
        var first = await ArmHttp.AskAsync(arms.GreenClient, "How do I warm a new cache node?", seed: 5);
        var second = await ArmHttp.AskAsync(arms.GreenClient, "How do I warm a new cache node?", seed: 5);
        var wide = await ArmHttp.AskAsync(arms.GreenClient, "How do I warm a new cache node?", topK: 10);

        Assert.Equal(first.Answer, second.Answer);
        Assert.Equal(first.Passages, second.Passages);
        Assert.Equal(3, first.Passages.Count);
        Assert.Equal(10, wide.Passages.Count);
        Assert.Equal(0, wide.Seed);
    }

    [Fact]
    public async Task Healthz_answers_200_with_the_arm_and_unknown_paths_404_with_the_header()
    {
        using var health = await arms.BlueClient.GetAsync("healthz");
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        using var missing = await arms.BlueClient.GetAsync("nowhere");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(arms.Blue.Info.IndexHash, json.RootElement.GetProperty("index_hash").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("blue", Assert.Single(missing.Headers.GetValues("x-arm-name")));
    }
}
