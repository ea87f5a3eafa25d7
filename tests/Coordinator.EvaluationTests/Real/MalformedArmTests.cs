using System.Net;
using Coordinator.Campaigns;
using Coordinator.Evaluation.Gold;
using Coordinator.Evaluation.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Coordinator.EvaluationTests.Real;

/// <summary>A real Kestrel "arm" that answers 200 with bodies that break the arm contract.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class MalformedArmTests(MiniLmFixture fixture)
{
    private async Task<EvaluationResult> RunAgainstAsync(string body)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        await using var app = builder.Build();
        app.MapPost("/ask", () => Results.Text(body, "application/json"));
        await app.StartAsync();
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        using var http = new HttpClient();
        var few = GoldSet.Parse(string.Join('\n', File.ReadLines(Gold.GoldSetTests.ShippedPath).Take(3)));
        var result = await new GoldEvaluator(fixture.Embedder, http, new EvaluatorOptions { WarmupPasses = 0, Attempts = 3 })
            .RunAsync(new EvaluationTarget("rag-api", "eu-west", url), few);
        await app.StopAsync();
        return result;
    }

    [Theory]
    [InlineData("{not json", "body: not JSON")]
    [InlineData("""{"answer":"a","passages":[{"id":"x","text":"t"}],"timings_ms":{"retrieve":1,"rerank":1,"reason":1}}""", "passages[0].section: must be a string")]
    [InlineData("""{"answer":"a","passages":[],"timings_ms":{"retrieve":1,"rerank":-1,"reason":1}}""", "timings_ms.rerank: must be a number of milliseconds, at least 0")]
    public async Task A_malformed_answer_is_named_by_field_never_retried_and_the_gate_is_inconclusive(string body, string error)
    {
        var result = await RunAgainstAsync(body);

        Assert.Equal(GateVerdict.Inconclusive, result.Gate.Verdict);
        Assert.Equal(result.Calls, result.FailedCalls);
        var first = result.ErroredItems[0].Errors[0];
        Assert.Contains("malformed: ", first, StringComparison.Ordinal);
        Assert.Contains(error, first, StringComparison.Ordinal);
        Assert.DoesNotContain("attempts", first, StringComparison.Ordinal);
    }
}
