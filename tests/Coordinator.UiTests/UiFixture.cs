using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coordinator.Api.Auth;
using Coordinator.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Coordinator.UiTests;

/// <summary>
/// One embedded silo serving the API and the dashboard on real Kestrel (loopback) with a token per
/// principal, and one headless Chromium (Debian's, not Playwright's download). Each test opens its own
/// browser context, so sign-ins (sessionStorage) never leak between tests.
/// </summary>
public sealed class UiFixture : IAsyncLifetime
{
    /// <summary>Where the browser is; Debian's chromium package unless COORDINATOR_CHROMIUM names another.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("COORDINATOR_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>principal → roles; each principal's token is "ui-token-" + its name.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Principals = new Dictionary<string, string[]>
    {
        ["rita"] = [ApiRoles.Reader],
        ["wes"] = [ApiRoles.Writer],
        ["olga"] = [ApiRoles.Operator],
        ["abe"] = [ApiRoles.Approver],
        ["otto"] = [ApiRoles.Operator, ApiRoles.Approver],
    };

    private EmbeddedSilo? _silo;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _names;

    public EmbeddedSilo Silo => _silo ?? throw new InvalidOperationException("the silo has not started");

    public IClusterClient Grains => Silo.Client;

    /// <summary>Screenshots land in TestResults/ui under the repository root.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepoLayout.Root, "TestResults", "ui");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"no browser at {ChromiumPath}: install Debian's chromium (`apt-get install -y chromium`; infra/run-tests.sh does when run as root) or set COORDINATOR_CHROMIUM");
        }

        var settings = new Dictionary<string, string?>();
        ApiPrincipals.AddTo(settings, Principals, TokenOf);

        _silo = await EmbeddedSilo.StartAsync("ui-tests", "ui-tests", logging => logging.SetMinimumLevel(LogLevel.Warning), settings: settings);
        _playwright = await Playwright.CreateAsync();

        // Root in a container needs --no-sandbox; the browser only ever loads this silo's loopback pages.
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    public static string TokenOf(string principal) => "ui-token-" + principal;

    /// <summary>A service name no other test uses, starting with <paramref name="stem"/>.</summary>
    public string NewService(string stem) => $"{stem}-{Interlocked.Increment(ref _names)}";

    /// <summary>An HTTP client of the API acting as <paramref name="principal"/>.</summary>
    public HttpClient Api(string principal)
    {
        var client = new HttpClient { BaseAddress = Silo.HttpBaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenOf(principal));
        return client;
    }

    public static StringContent Json(object body) => new(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>A fresh browser context signed in as <paramref name="principal"/> through the sign-in form, at <paramref name="hash"/>; dispose it to close.</summary>
    public async Task<IBrowserContext> OpenAsync(string principal, string hash)
    {
        var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Silo.HttpBaseAddress, "ui").ToString());
        await page.FillAsync("#token", TokenOf(principal));
        await page.ClickAsync("form.sign-in button[type=submit]");
        await Poll.UntilAsync(() => TextAsync(page, "#identity .principal"), t => t == principal, $"the page to say it is signed in as {principal}");
        await page.EvaluateAsync("hash => { location.hash = hash; }", hash);
        return context;
    }

    /// <summary>The text of the first element matching <paramref name="selector"/> now, or null when there is none (never waits).</summary>
    public static Task<string?> TextAsync(IPage page, string selector) =>
        page.EvaluateAsync<string?>("s => document.querySelector(s)?.textContent ?? null", selector);

    /// <summary>Saves a full-page screenshot as TestResults/ui/<paramref name="name"/>.png and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "ui silo and browser";
}
