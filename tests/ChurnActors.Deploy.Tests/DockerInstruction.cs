namespace ChurnActors.Deploy.Tests;

/// <summary>One Dockerfile instruction, continuation lines joined: <c>EXPOSE</c> and <c>8080 11111</c>.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments);
