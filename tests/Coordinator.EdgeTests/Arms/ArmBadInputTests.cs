using System.Net;
using System.Text.Json;
using Coordinator.Arms;

namespace Coordinator.EdgeTests.Arms;

public sealed class ArmBadInputTests(ArmPairFixture arms) : IClassFixture<ArmPairFixture>
{
    public static TheoryData<string, string[]> BadBodies => new()
    {
        { "not json", ["body"] },
        { "[1, 2]", ["body"] },
        { "{}", ["question"] },
        { """{"question": null}""", ["question"] },
        { """{"question": 5}""", ["question"] },
        { """{"question": "   "}""", ["question"] },
        { JsonSerializer.Serialize(new { question = new string('q', 2001) }), ["question"] },
        { """{"question": "ok", "seed": "one"}""", ["seed"] },
        { """{"question": "ok", "seed": 1.5}""", ["seed"] },
        { """{"question": "ok", "seed": 9999999999}""", ["seed"] },
        { """{"question": "ok", "top_k": 0}""", ["top_k"] },
        { """{"question": "ok", "top_k": 11}""", ["top_k"] },
        { """{"question": "ok", "top_k": "3"}""", ["top_k"] },
        { """{"seed": "x", "top_k": -1}""", ["question", "seed", "top_k"] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_problem_naming_each_field(string body, string[] fields)
    {
        using var response = await ArmHttp.PostRawAsync(arms.BlueClient, body);
        var text = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(text);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(fields, problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(fields, f => Assert.Contains(f + ":", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_and_null_optionals_take_their_defaults()
    {
        using var response = await ArmHttp.PostRawAsync(arms.BlueClient, """{"question":"How long are log lines kept?","seed":null,"top_k":null,"paraphrase_of":"x"}""");
        var answer = JsonSerializer.Deserialize<AskResponse>(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((0, 3), (answer.Seed, answer.Passages.Count));
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_with_413()
    {
        using var response = await ArmHttp.PostRawAsync(arms.BlueClient, JsonSerializer.Serialize(new { question = "q", pad = new string('x', 70_000) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Another_method_on_ask_is_refused()
    {
        using var response = await arms.BlueClient.GetAsync("ask");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
