using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Coordinator.Console.App;

/// <summary>Resolves commands and their dependencies; null for types nobody registered (Spectre then creates them itself).</summary>
internal sealed class TypeResolver(ServiceProvider provider) : ITypeResolver, IDisposable
{
    public object? Resolve(Type? type) => type is null ? null : provider.GetService(type);

    public void Dispose() => provider.Dispose();
}
