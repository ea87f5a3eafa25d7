using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coordinator.Api.Auth;
using Coordinator.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.ApiTests;

/// <summary>
/// One embedded silo serving the API on real Kestrel (loopback), with a token per role. Tests call it
/// over HTTP as any client would and read the grains through the co-hosted client to check what changed.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    /// <summary>principal → roles; each principal's token is "token-" + its name.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Principals = new Dictionary<string, string[]>
    {
        ["rita"] = [ApiRoles.Reader],
        ["wes"] = [ApiRoles.Writer],
        ["olga"] = [ApiRoles.Operator],
        ["abe"] = [ApiRoles.Approver],
        ["otto"] = [ApiRoles.Operator, ApiRoles.Approver],
    };

    private EmbeddedSilo? _silo;
    private int _names;

    public EmbeddedSilo Silo => _silo ?? throw new InvalidOperationException("the silo has not started");

    public IClusterClient Grains => Silo.Client;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>();
        ApiPrincipals.AddTo(settings, Principals, TokenOf);

        settings["Coordinator:Api:MaxBodyBytes"] = "65536";
        settings["Coordinator:Api:MaxWaitSeconds"] = "30";
        settings["Coordinator:Api:EventHeartbeatSeconds"] = "1";
        settings["Coordinator:Api:MaxStreamsPerPrincipal"] = "2";
        Configure(settings);
        _silo = await EmbeddedSilo.StartAsync("api-tests", "api-tests", logging => logging.SetMinimumLevel(LogLevel.Warning), settings: settings);
    }

    /// <summary>A fixture that needs other settings changes them here, before the silo starts.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    public static string TokenOf(string principal) => "token-" + principal;

    /// <summary>A client acting as <paramref name="principal"/>; null for no Authorization header.</summary>
    public HttpClient As(string? principal)
    {
        // No draining of a response left unread (an event stream): disposing it closes the connection at once.
        var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = Silo.HttpBaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (principal is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenOf(principal));
        }

        return client;
    }

    /// <summary>A service name no other test uses.</summary>
    public string NewService(string stem) => $"{stem}-{Interlocked.Increment(ref _names)}";

    public ISwitchoverGrain Pointer(string service, string region) => Grains.GetGrain<ISwitchoverGrain>(RegionKey.Format(service, region));

    /// <summary>A flip through the grain, as the SDK or a campaign flips (the API learns it from the notice).</summary>
    public Task<FlipResult> FlipByGrainAsync(string service, string region, Arm to, long expectedEpoch) =>
        Pointer(service, region).FlipAsync(new FlipRequest
        {
            Target = to, ExpectedEpoch = expectedEpoch, Operator = "sdk", Reason = "outside", IdempotencyKey = Guid.NewGuid().ToString("N"),
        });

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    /// <summary>Registers Blue and Green in a region through the API, as the operator.</summary>
    public async Task RegisterBothAsync(string service, string region)
    {
        using var client = As("olga");
        foreach (var arm in new[] { "blue", "green" })
        {
            var response = await client.PutAsync($"api/v1/services/{service}/regions/{region}/arms/{arm}", Json(Manifests.Json($"idx-{arm}")));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api silo";
}
