using Coordinator.Console.App;
using Coordinator.Operations.Regions;

namespace Coordinator.Console.Manifests;

/// <summary>
/// Reads a manifest file and reports every problem in it at once, by JSON field name (through
/// <see cref="ManifestJson"/>, which the API reads request bodies with).
/// </summary>
public static class ManifestReader
{
    /// <summary>A manifest is a few hundred bytes; anything this large is the wrong file.</summary>
    public const int MaxFileBytes = ManifestJson.MaxBytes;

    /// <exception cref="UsageException">The file is missing, unreadable or not a valid manifest.</exception>
    public static ArmManifest ReadFile(string path)
    {
        var headline = $"manifest '{path}' is not usable";
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UsageException(headline, [new FieldError("manifest", "file not found")]);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new UsageException(headline, [new FieldError("manifest", $"is {info.Length} bytes; a manifest file is at most {MaxFileBytes}")]);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(headline, [new FieldError("manifest", $"cannot be read: {ex.Message}")]);
        }

        var errors = new List<FieldError>();
        var manifest = Parse(text, errors);
        return errors.Count == 0 ? manifest! : throw new UsageException($"manifest '{path}' is invalid", errors);
    }

    /// <summary>Parses manifest JSON; adds every problem to <paramref name="errors"/> and returns null if there is any.</summary>
    public static ArmManifest? Parse(string json, List<FieldError> errors) => ManifestJson.Parse(json, errors);
}
