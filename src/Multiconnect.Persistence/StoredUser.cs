namespace Multiconnect.Persistence;

/// <summary>A user of the API as stored. The role is not stored: the admin user is the one admin.</summary>
public sealed record StoredUser(string Name, StoredPassword Password, DateTimeOffset CreatedAt);
