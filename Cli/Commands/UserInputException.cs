namespace TomKing.Cli.Commands;

/// <summary>A mistake in what the user typed: printed as one line, never as a stack trace.</summary>
internal sealed class UserInputException(string message) : Exception(message);
