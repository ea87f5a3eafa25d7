using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coordinator.Arms;

namespace Coordinator.EdgeTests.Arms;

/// <summary>Calls an arm server the way any client would: HTTP on loopback.</summary>
internal static class ArmHttp
{
    public static HttpClient ClientFor(ArmServer server) => new() { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string? epoch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "ask") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (epoch is not null)
        {
            request.Headers.Add("x-coordinator-epoch", epoch);
        }

        return client.SendAsync(request);
    }

    public static async Task<AskResponse> AskAsync(HttpClient client, string question, int? seed = null, int? topK = null)
    {
        var body = new Dictionary<string, object> { ["question"] = question };
        if (seed is { } s)
        {
            body["seed"] = s;
        }

        if (topK is { } k)
        {
            body["top_k"] = k;
        }

        using var response = await PostRawAsync(client, JsonSerializer.Serialize(body));
        Assert.True(response.IsSuccessStatusCode, $"POST /ask answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AskResponse>())!;
    }
}

/// <summary>A healthy Blue and Green on loopback, shared by the contract tests (they only read).</summary>
public sealed class ArmPairFixture : IAsyncLifetime
{
    public ArmServer Blue { get; private set; } = null!;

    public ArmServer Green { get; private set; } = null!;

    public HttpClient BlueClient { get; private set; } = null!;

    public HttpClient GreenClient { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Blue = await ArmServer.StartAsync(ArmOptions.ForBlue());
        Green = await ArmServer.StartAsync(ArmOptions.ForGreen());
        BlueClient = ArmHttp.ClientFor(Blue);
        GreenClient = ArmHttp.ClientFor(Green);
    }

    public async Task DisposeAsync()
    {
        BlueClient.Dispose();
        GreenClient.Dispose();
        await Blue.DisposeAsync();
        await Green.DisposeAsync();
    }
}
