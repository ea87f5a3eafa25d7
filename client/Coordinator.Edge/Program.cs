using Coordinator.Edge.Hosting;

return await EdgeProgram.RunAsync(args, Environment.GetEnvironmentVariable);
