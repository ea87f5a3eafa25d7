using System.Net;
using System.Net.Http.Headers;

namespace Coordinator.ApiTests;

/// <summary>Each role allowed where it should be and refused (403) elsewhere; no or an unknown token is 401.</summary>
[Collection(ApiCollection.Name)]
public sealed class RoleMatrixTests(ApiFixture fixture)
{
    public static TheoryData<string, string?, HttpStatusCode> Cases => new()
    {
        // Reads: every role.
        { "read", "rita", HttpStatusCode.OK },
        { "read", "wes", HttpStatusCode.OK },
        { "read", "olga", HttpStatusCode.OK },
        { "read", "abe", HttpStatusCode.OK },
        { "read", null, HttpStatusCode.Unauthorized },

        // Flips and arms: operators only.
        { "flip", "olga", HttpStatusCode.OK },
        { "flip", "rita", HttpStatusCode.Forbidden },
        { "flip", "wes", HttpStatusCode.Forbidden },
        { "flip", "abe", HttpStatusCode.Forbidden },
        { "flip", null, HttpStatusCode.Unauthorized },
        { "register", "olga", HttpStatusCode.OK },
        { "register", "rita", HttpStatusCode.Forbidden },
        { "register", "wes", HttpStatusCode.Forbidden },
        { "register", "abe", HttpStatusCode.Forbidden },

        // Leases: writers only.
        { "acquire", "wes", HttpStatusCode.OK },
        { "acquire", "olga", HttpStatusCode.Forbidden },
        { "acquire", "rita", HttpStatusCode.Forbidden },
        { "acquire", "abe", HttpStatusCode.Forbidden },

        // Approvals: approvers only (a campaign that does not exist is 404 once the role is allowed).
        { "approve", "abe", HttpStatusCode.NotFound },
        { "approve", "olga", HttpStatusCode.Forbidden },
        { "approve", "wes", HttpStatusCode.Forbidden },
        { "approve", "rita", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_is_allowed_or_refused(string call, string? principal, HttpStatusCode expected)
    {
        var service = fixture.NewService("roles");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As(principal);

        var response = call switch
        {
            "read" => await client.GetAsync($"api/v1/services/{service}/regions/eu-west/active"),
            "flip" => await client.PostAsync($"api/v1/services/{service}/regions/eu-west/flip", ApiFixture.Json("""{"to":"green","reason":"roles"}""")),
            "acquire" => await client.PostAsync($"api/v1/services/{service}/regions/eu-west/leases/indexer/acquire", ApiFixture.Json("""{"holder_id":"w1","ttl_seconds":30}""")),
            "approve" => await client.PostAsync($"api/v1/services/{service}/campaigns/none/approve", ApiFixture.Json("""{"reason":"ok"}""")),
            _ => await client.PutAsync($"api/v1/services/{service}/regions/eu-west/arms/green", ApiFixture.Json(Manifests.Json("idx-new"))),
        };

        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(expected, response.StatusCode);
        }
        else
        {
            await Problems.AssertAsync(response, expected, expected switch
            {
                HttpStatusCode.Forbidden => "forbidden",
                HttpStatusCode.NotFound => "not-found",
                _ => "unauthenticated",
            });
        }

        // A refused flip changed nothing.
        var epoch = (await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).Epoch;
        Assert.Equal(call == "flip" && expected == HttpStatusCode.OK ? 1 : 0, epoch);
    }

    [Fact]
    public async Task An_unknown_token_is_401_with_a_bearer_challenge()
    {
        using var client = fixture.As(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-configured-token");

        var response = await client.GetAsync($"api/v1/services/{fixture.NewService("x")}/regions/eu-west/active");

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task With_tokens_on_no_response_says_authentication_is_off()
    {
        using var client = fixture.As("rita");

        var response = await client.GetAsync($"api/v1/services/{fixture.NewService("hdr")}/regions/eu-west/active");

        Assert.False(response.Headers.Contains("Coordinator-Authentication"));
    }
}
