namespace Coordinator.Console.Commands.Demo;

/// <summary>The demo starts its own silo, so it takes no connection options.</summary>
public sealed class DemoSettings : ConsoleSettings;
