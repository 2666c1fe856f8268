using System.Buffers;
using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace Multiconnect.Persistence;

/// <summary>
/// Media files in PostgreSQL (tables media and media_chunks, migration 0017), shared by every gateway
/// and CoreApp of the service. A file's content is rows of at most <see cref="ChunkBytes"/>, and each
/// chunk is its own statement on a connection taken from the pool for that statement only: an upload or
/// a download over a slow client holds one chunk of memory and no connection between chunks, so a few
/// slow clients cannot take the process's small pool (docs/operations.md). The file's row says how long
/// it is once the last chunk is written, and until then it is not found. Chunks rather than large
/// objects: measured in docs/benchmarks.md ("Media storage").
/// </summary>
public sealed class PostgresMediaStore(NpgsqlDataSource dataSource, string serviceId, int chunkBytes = PostgresMediaStore.ChunkBytes) : IMediaStore
{
    /// <summary>
    /// 1 MiB: 100 statements for the largest upload, and a megabyte of memory per upload or download in
    /// flight. Chunks of 256 KiB made no clear difference to uploads and were slower to download (docs/benchmarks.md).
    /// </summary>
    public const int ChunkBytes = 1024 * 1024;

    /// <summary>
    /// An upload whose gateway died before it completed is deleted by retention once this old (the
    /// "interval '1 day'" of <see cref="DeleteExpiredMediaAsync"/>): longer than any upload of 100 MB takes.
    /// </summary>
    public static readonly TimeSpan AbandonedUploadAge = TimeSpan.FromDays(1);

    public async Task<MediaSaveResult> SaveAsync(Guid id, string contentType, Stream content, long maxLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
        var written = false;
        try
        {
            long length = 0;
            for (var seq = 0; ; seq++)
            {
                // Fewer bytes than asked only at the end of the content.
                var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, chunkBytes), chunkBytes, throwOnEndOfStream: false, cancellationToken);
                length += read;
                if (length > maxLength)
                {
                    await ForgetAsync(id, written);
                    return new MediaSaveResult(MediaSaveOutcome.TooLarge);
                }

                if (read > 0)
                {
                    // Set first: a write that fails may still have committed, and deleting nothing costs nothing.
                    written = true;
                    await WriteChunkAsync(id, contentType, seq, new ArraySegment<byte>(buffer, 0, read), cancellationToken);
                }

                if (read < chunkBytes)
                {
                    break;
                }
            }

            if (length == 0)
            {
                return new MediaSaveResult(MediaSaveOutcome.Empty);
            }

            await using var complete = dataSource.CreateCommand(
                "UPDATE media SET length = $2, completed_at = now() WHERE id = $1 RETURNING created_at");
            complete.Parameters.Add(new() { Value = id });
            complete.Parameters.Add(new() { Value = length });
            var createdAt = (DateTime)(await complete.ExecuteScalarAsync(cancellationToken))!;
            return new MediaSaveResult(MediaSaveOutcome.Stored, new MediaFile(id, contentType, length, new DateTimeOffset(createdAt, TimeSpan.Zero)));
        }
        catch
        {
            await ForgetAsync(id, written);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<MediaFile?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT content_type, length, created_at FROM media WHERE id = $1 AND service_id = $2 AND completed_at IS NOT NULL");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new MediaFile(id, reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    public async Task CopyToAsync(MediaFile file, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(destination);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
        try
        {
            long copied = 0;
            for (var seq = 0; copied < file.Length; seq++)
            {
                // Read into memory and give the connection back before writing: the client may be slow.
                int length;
                await using (var command = dataSource.CreateCommand("SELECT octet_length(data), data FROM media_chunks WHERE media_id = $1 AND seq = $2"))
                {
                    command.Parameters.Add(new() { Value = file.Id });
                    command.Parameters.Add(new() { Value = seq });
                    await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        throw new MediaGoneException(file.Id, copied, file.Length);
                    }

                    length = reader.GetInt32(0);
                    if (length > buffer.Length)
                    {
                        // Written with a larger chunk size than this process uses.
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(length);
                    }

                    await using var data = reader.GetStream(1);
                    await data.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
                }

                await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
                copied += length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        // The chunks go with the file (ON DELETE CASCADE), in the same statement.
        await using var command = dataSource.CreateCommand("DELETE FROM media WHERE id = $1 AND service_id = $2 AND completed_at IS NOT NULL");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = serviceId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// For the retention pruner (<see cref="Pruning"/>): files uploaded more than <paramref name="retention"/> ago,
    /// and uploads left incomplete for <see cref="AbandonedUploadAge"/>, oldest first, with their chunks.
    /// </summary>
    public Task<int> DeleteExpiredMediaAsync(NpgsqlConnection connection, TimeSpan retention, int limit, CancellationToken cancellationToken) =>
        Pruning.DeleteAsync(connection, serviceId, """
            DELETE FROM media WHERE id = ANY(ARRAY(
                SELECT id FROM media
                 WHERE service_id = $1 AND created_at < now() - least($2, interval '1 day')
                   AND (created_at < now() - $2 OR completed_at IS NULL)
                 ORDER BY created_at LIMIT $3))
            """, retention, limit, cancellationToken);

    /// <summary>
    /// The first chunk creates the file's row, in the same round trip and transaction, after deleting what an
    /// earlier save of the same id left incomplete (a CoreApp that died while it fetched a user's file).
    /// </summary>
    private async Task WriteChunkAsync(Guid id, string contentType, int seq, ArraySegment<byte> data, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        if (seq == 0)
        {
            var abandoned = new NpgsqlBatchCommand("DELETE FROM media WHERE id = $1 AND completed_at IS NULL");
            abandoned.Parameters.Add(new() { Value = id });
            batch.BatchCommands.Add(abandoned);
            var create = new NpgsqlBatchCommand("INSERT INTO media (id, service_id, content_type) VALUES ($1, $2, $3)");
            create.Parameters.Add(new() { Value = id });
            create.Parameters.Add(new() { Value = serviceId });
            create.Parameters.Add(new() { Value = contentType });
            batch.BatchCommands.Add(create);
        }

        var chunk = new NpgsqlBatchCommand("INSERT INTO media_chunks (media_id, seq, data) VALUES ($1, $2, $3)");
        chunk.Parameters.Add(new() { Value = id });
        chunk.Parameters.Add(new() { Value = seq });
        chunk.Parameters.Add(new() { Value = data, NpgsqlDbType = NpgsqlDbType.Bytea });
        batch.BatchCommands.Add(chunk);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes what an upload that did not complete has written. Not cancellable: the request may be gone.
    /// A failure here (the database is away) leaves an incomplete file nobody can find, which retention
    /// deletes after <see cref="AbandonedUploadAge"/>.
    /// </summary>
    private async Task ForgetAsync(Guid id, bool written)
    {
        if (!written)
        {
            return;
        }

        try
        {
            await using var command = dataSource.CreateCommand("DELETE FROM media WHERE id = $1");
            command.Parameters.Add(new() { Value = id });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // Left for retention, as said above.
        }
    }
}
