using Coordinator.Console.Rendering;
using Coordinator.Fences;
using Spectre.Console.Testing;

namespace Coordinator.ConsoleTests.Rendering;

public sealed class LeaseTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(25_000, "in 25s")]
    [InlineData(24_100, "in 25s")]
    [InlineData(1, "in 1s")]
    [InlineData(0, "expired")]
    [InlineData(-5_000, "expired")]
    public void Until_counts_whole_seconds_up_and_says_expired_from_the_expiry_on(long milliseconds, string expected)
    {
        Assert.Equal(expected, Display.Until(Now.AddMilliseconds(milliseconds), Now));
    }

    [Fact]
    public void A_holder_past_its_expiry_is_shown_expired_and_a_live_one_with_the_seconds_left()
    {
        var table = LeaseTable.Render("rag-api", "eu-west", [Lease("etl", Now.AddSeconds(-3)), Lease("indexer", Now.AddSeconds(42))], Now);

        var output = Render(table);

        Assert.Contains("2026-11-26 11:59:57Z (expired)", output);
        Assert.Contains("2026-11-26 12:00:42Z (in 42s)", output);
    }

    private static LeaseStatus Lease(string writer, DateTimeOffset expiresAt) => new()
    {
        Writer = writer,
        Holder = new LeaseToken
        {
            Service = "rag-api",
            Region = "eu-west",
            Writer = writer,
            HolderId = writer + "-pod",
            FencingToken = 3,
            Epoch = 1,
            IndexHash = "idx-1",
            GrantedAt = expiresAt.AddMinutes(-1),
            ExpiresAt = expiresAt,
        },
        LatestFencingToken = 3,
        Grants = 3,
        Rejections = 0,
    };

    private static string Render(Spectre.Console.Rendering.IRenderable renderable)
    {
        using var console = new TestConsole().Width(250);
        console.Write(renderable);
        return console.Output;
    }
}
