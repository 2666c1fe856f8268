using Multiconnect.Persistence;

namespace Multiconnect.Tests.Unit.Persistence;

/// <summary>The development twin of PostgresMediaStore keeps its promises: nothing kept of a refused upload, whole files back.</summary>
public sealed class InMemoryMediaStoreTests
{
    private readonly InMemoryMediaStore _store = new(TimeProvider.System);

    [Fact]
    public async Task A_stored_file_comes_back_whole_with_its_type_until_deleted()
    {
        var id = Guid.CreateVersion7();
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();

        var saved = await _store.SaveAsync(id, "application/pdf", new MemoryStream(bytes), bytes.Length, CancellationToken.None);

        Assert.Equal(MediaSaveOutcome.Stored, saved.Outcome);
        var file = await _store.FindAsync(id, CancellationToken.None);
        Assert.Equal(("application/pdf", (long)bytes.Length), (file!.ContentType, file.Length));
        using var copy = new MemoryStream();
        await _store.CopyToAsync(file, copy, CancellationToken.None);
        Assert.Equal(bytes, copy.ToArray());

        Assert.True(await _store.DeleteAsync(id, CancellationToken.None));
        Assert.Null(await _store.FindAsync(id, CancellationToken.None));
        Assert.False(await _store.DeleteAsync(id, CancellationToken.None));
        await Assert.ThrowsAsync<MediaGoneException>(() => _store.CopyToAsync(file, Stream.Null, CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_or_too_long_content_is_refused_and_nothing_is_kept()
    {
        var empty = Guid.CreateVersion7();
        var tooLong = Guid.CreateVersion7();

        Assert.Equal(MediaSaveOutcome.Empty, (await _store.SaveAsync(empty, "image/png", new MemoryStream(), 10, CancellationToken.None)).Outcome);
        Assert.Equal(MediaSaveOutcome.TooLarge, (await _store.SaveAsync(tooLong, "image/png", new MemoryStream(new byte[11]), 10, CancellationToken.None)).Outcome);

        Assert.Null(await _store.FindAsync(empty, CancellationToken.None));
        Assert.Null(await _store.FindAsync(tooLong, CancellationToken.None));
        Assert.Equal(MediaSaveOutcome.Stored, (await _store.SaveAsync(tooLong, "image/png", new MemoryStream(new byte[10]), 10, CancellationToken.None)).Outcome);
    }
}
