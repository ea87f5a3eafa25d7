using System.Net;
using System.Text.RegularExpressions;

namespace Coordinator.UiTests;

/// <summary>/ui over plain HTTP, as curl sees it: the page and everything it loads come from the silo itself.</summary>
[Collection(UiCollection.Name)]
public sealed partial class DashboardAssetTests(UiFixture fixture)
{
    [Fact]
    public async Task Ui_serves_the_page_without_a_token_and_every_script_and_style_it_loads_comes_from_the_silo()
    {
        using var client = new HttpClient { BaseAddress = fixture.Silo.HttpBaseAddress };

        var page = await client.GetAsync("ui");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>Coordinator</title>", html, StringComparison.Ordinal);

        // Follow every src/href of the page and every import of its modules: each must be served here.
        var pending = new Queue<string>(Links().Matches(html).Select(m => m.Groups["url"].Value).Where(u => u.StartsWith('/')));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var url))
        {
            if (!seen.Add(url))
            {
                continue;
            }

            var response = await client.GetAsync(url.TrimStart('/'));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotMatch(ExternalUrl(), text);
            foreach (Match import in Imports().Matches(text))
            {
                pending.Enqueue(new Uri(new Uri("http://silo" + url), import.Groups["path"].Value).AbsolutePath);
            }
        }

        Assert.Contains("/ui/js/app.js", seen);
        Assert.Contains("/ui/js/views/campaign.js", seen);
        Assert.Contains("/ui/app.css", seen);
        Assert.DoesNotMatch(ExternalUrl(), html);
    }

    [Fact]
    public async Task An_unchanged_asset_is_304_on_its_etag_head_answers_like_get_and_an_unknown_one_is_404()
    {
        using var client = new HttpClient { BaseAddress = fixture.Silo.HttpBaseAddress };
        var first = await client.GetAsync("ui/app.css");
        var again = new HttpRequestMessage(HttpMethod.Get, "ui/app.css");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var revalidated = await client.SendAsync(again);
        var missing = await client.GetAsync("ui/nope.js");
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "ui/app.css"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/css", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(first.Headers.ETag, head.Headers.ETag);
    }

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"#]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Links();

    [GeneratedRegex("""(?:from|import)\s+'(?<path>\.{1,2}/[^']+)'""", RegexOptions.CultureInvariant)]
    private static partial Regex Imports();

    // A reference to another origin (a CDN); the SVG namespace is a name, not something loaded.
    [GeneratedRegex("""(?:src|href|import|from|url\()\s*=?\s*["'(]?https?://""", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalUrl();
}
