using System.Net;

namespace Coordinator.ApiTests;

/// <summary>Malformed, oversized, mistyped and unknown input: a problem naming each bad path, and nothing changes.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture fixture)
{
    public static TheoryData<string, string[]> BadFlipBodies => new()
    {
        { """{"to":"green","reason":"x" """, ["$"] },
        { """[1,2]""", ["$"] },
        { """{"to":5,"reason":true}""", ["$.to", "$.reason"] },
        { """{"to":"green","reason":"x","operator":"mallory"}""", ["$.operator"] },
        { """{"to":"purple"}""", ["$.to", "$.reason"] },
        { """{"to":null,"reason":"x"}""", ["$.to"] },
        { """{"to":"green","to":"blue","reason":"x"}""", ["$"] },
    };

    [Theory]
    [MemberData(nameof(BadFlipBodies))]
    public async Task A_bad_flip_body_is_400_naming_every_path_and_flips_nothing(string body, string[] paths)
    {
        var service = fixture.NewService("bad-flip");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");

        var response = await client.PostAsync($"api/v1/services/{service}/regions/eu-west/flip", ApiFixture.Json(body));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input");
        Assert.Equal(paths, Problems.Paths(problem));
        Assert.Equal(0, (await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).Epoch);
    }

    [Fact]
    public async Task A_bad_manifest_names_every_field_by_json_path_and_registers_nothing()
    {
        var service = fixture.NewService("bad-manifest");
        using var client = fixture.As("olga");

        var response = await client.PutAsync(
            $"api/v1/services/{service}/regions/eu-west/arms/blue",
            ApiFixture.Json("""{"index_hash": 7, "colour": "red", "secrets_fingerprint": "plain"}"""));

        var paths = Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input"));
        Assert.Contains("$.index_hash", paths);
        Assert.Contains("$.colour", paths);
        Assert.Contains("$.secrets_fingerprint", paths);
        Assert.Contains("$.model_ver", paths);
        Assert.Null((await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).Blue);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var service = fixture.NewService("huge");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");

        var response = await client.PostAsync(
            $"api/v1/services/{service}/regions/eu-west/flip", ApiFixture.Json($$"""{"to":"green","reason":"{{new string('x', 70_000)}}"}"""));

        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Equal(0, (await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).Epoch);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_once_the_limit_is_passed()
    {
        var service = fixture.NewService("chunked");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");
        var bytes = System.Text.Encoding.UTF8.GetBytes($$"""{"to":"green","reason":"{{new string('x', 70_000)}}"}""");
        using var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync($"api/v1/services/{service}/regions/eu-west/flip", content);

        await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Equal(0, (await fixture.Pointer(service, "eu-west").GetActiveArmAsync()).Epoch);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var client = fixture.As("olga");

        var response = await client.PostAsync($"api/v1/services/{fixture.NewService("text")}/regions/eu-west/flip", new StringContent("to=green"));

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("EU_West", "region")]
    [InlineData("%2E%2E%2Fsecrets", "region")]
    [InlineData("eu-west%2F..%2F..%2Fother", "region")]
    public async Task A_bad_or_traversing_name_is_400_naming_it(string region, string field)
    {
        using var client = fixture.As("rita");

        var response = await client.GetAsync($"api/v1/services/{fixture.NewService("names")}/regions/{region}/active");

        Assert.Contains(field, Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input")));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"three\"")]
    [InlineData("W/\"0\"")]
    public async Task A_malformed_if_match_is_400_naming_the_header(string ifMatch)
    {
        var service = fixture.NewService("if-match");
        await fixture.RegisterBothAsync(service, "eu-west");
        using var client = fixture.As("olga");

        var response = await client.SendAsync(FlipTests.FlipRequest(service, """{"to":"green","reason":"x"}""", ifMatch: ifMatch));

        Assert.Equal(["If-Match"], Problems.Paths(await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-input")));
    }

    /// <summary>A body whose length the client cannot know up front, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
