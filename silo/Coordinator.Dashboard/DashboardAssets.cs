using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Coordinator.Dashboard;

/// <summary>One page asset: its bytes, content type and strong ETag (a hash of the bytes).</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType, string ETag);

/// <summary>The dashboard's files, read once from this assembly's embedded resources ("ui/&lt;path&gt;").</summary>
internal static class DashboardAssets
{
    private const string ResourcePrefix = "ui/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every asset by its path under /ui (forward slashes, no leading slash).</summary>
    public static FrozenDictionary<string, DashboardAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            // RecursiveDir carries the build machine's separator.
            var path = name.Replace('\\', '/');
            if (!path.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            path = path[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType))
            {
                throw new InvalidOperationException($"dashboard asset '{path}' has a type the dashboard does not serve; add it to {nameof(DashboardAssets)}");
            }

            var content = Read(assembly, name);
            assets[path] = new DashboardAsset(content, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource '{name}' is listed but cannot be opened");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
