using System.Net;
using Coordinator.Hosting;
using Microsoft.Extensions.Logging;

namespace Coordinator.ApiTests;

/// <summary>An embedded silo on loopback without principals serves without tokens and says so on every response.</summary>
public sealed class OpenModeTests
{
    [Fact]
    public async Task Without_principals_on_loopback_every_response_says_authentication_is_off_whoami_is_anonymous_with_every_role_and_the_audit_names_anonymous()
    {
        await using var silo = await EmbeddedSilo.StartAsync("api-open", "api-open", logging => logging.SetMinimumLevel(LogLevel.Warning));
        using var client = new HttpClient { BaseAddress = silo.HttpBaseAddress };

        var register = await client.PutAsync("api/v1/services/open/regions/eu-west/arms/blue", ApiFixture.Json(Manifests.Json("idx-blue")));
        var health = await client.GetAsync("healthz/live");
        var whoami = await ApiFixture.ReadJsonAsync(await client.GetAsync("api/v1/whoami"));

        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.True(register.Headers.Contains("Coordinator-Authentication"));
        Assert.True(health.Headers.Contains("Coordinator-Authentication"));
        Assert.Equal("anonymous", whoami.GetProperty("principal").GetString());
        Assert.Equal(["reader", "writer", "operator", "approver"], whoami.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("none", whoami.GetProperty("authentication").GetString());
        var audit = await silo.Client.GetGrain<ISwitchoverGrain>("open/eu-west").GetAuditAsync();
        Assert.Equal("anonymous", audit.Single().Operator);
    }
}
