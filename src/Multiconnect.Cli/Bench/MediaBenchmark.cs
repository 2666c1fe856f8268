using System.Buffers;
using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Multiconnect.Harness;
using Multiconnect.Persistence;
using Npgsql;

namespace Multiconnect.Cli.Bench;

/// <summary>
/// `./mc bench --only media`: how to keep media files in PostgreSQL, measured on the benchmark's private
/// server. Chunked rows (the store the product uses, <see cref="PostgresMediaStore"/>, with two chunk sizes)
/// against large objects (lo_put / lo_get, written here for the comparison only), each a chunk per
/// statement, so that neither holds a connection between chunks. Every file is uploaded from memory,
/// downloaded into a hash (checked against the upload) and deleted; runs of the ways alternate, so that
/// the machine's noise falls on all of them alike. Allocated is what the process allocated while one file
/// went in and out: the memory a gateway needs per transfer.
/// </summary>
internal static class MediaBenchmark
{
    private const int Megabyte = 1024 * 1024;
    private const string ServiceId = "bench-media";

    public static async Task<string> RunAsync(PostgresServer server, int runs)
    {
        await using var cluster = await LocalCluster.CreateAsync(server);
        var database = cluster.Database;
        (string Name, IMediaStore Store)[] ways =
        [
            ("chunked rows, 1 MB chunks", new PostgresMediaStore(database, ServiceId, Megabyte)),
            ("chunked rows, 256 KB chunks", new PostgresMediaStore(database, ServiceId, Megabyte / 4)),
            ("large objects, 1 MB per lo_put / lo_get", new LargeObjects(database, Megabyte)),
        ];
        var table = new StringBuilder();
        table.AppendLine("| way | file | upload MB/s, each run | **median upload MB/s** | download MB/s, each run | **median download MB/s** | median delete ms | allocated per file (MB) |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var size in new[] { 16 * Megabyte, 64 * Megabyte })
        {
            var content = new byte[size];
            RandomNumberGenerator.Fill(content);
            var expected = SHA256.HashData(content);
            var results = ways.ToDictionary(w => w.Name, _ => new List<Transfer>());
            for (var run = 0; run < runs; run++)
            {
                foreach (var (name, store) in ways)
                {
                    var transfer = await MeasureAsync(store, content, expected);
                    results[name].Add(transfer);
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {name}, {size / Megabyte} MB, run {run + 1}: up {transfer.UploadMbps:0} MB/s, down {transfer.DownloadMbps:0} MB/s, delete {transfer.DeleteMs:0} ms"));
                }
            }

            foreach (var (name, _) in ways)
            {
                var all = results[name];
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {size / Megabyte} MB | {Each(all.Select(t => t.UploadMbps))} | **{Benchmarks.Median(all.Select(t => t.UploadMbps)):0}** | {Each(all.Select(t => t.DownloadMbps))} | **{Benchmarks.Median(all.Select(t => t.DownloadMbps)):0}** | {Benchmarks.Median(all.Select(t => t.DeleteMs)):0} | {Benchmarks.Median(all.Select(t => t.AllocatedMb)):0.0} |");
            }
        }

        table.AppendLine();
        table.AppendLine(await ThroughGatewayAsync(cluster, runs));
        return table.ToString();
    }

    /// <summary>
    /// The chosen store end to end: the same files uploaded (as application/pdf, a document, up to 100 MB)
    /// to a real gateway over HTTP, downloaded and deleted; with the gateway's peak resident memory before
    /// the first file and after the last (VmHWM), which would grow by a file's size if a gateway held one.
    /// </summary>
    private static async Task<string> ThroughGatewayAsync(LocalCluster cluster, int runs)
    {
        await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        using var http = new HttpClient { BaseAddress = gateway.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var peakBefore = PeakResidentBytes(gateway.Process.Pid);
        var table = new StringBuilder();
        table.AppendLine("| through a gateway (HTTP) | file | upload MB/s, each run | **median upload MB/s** | download MB/s, each run | **median download MB/s** |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var size in new[] { 16 * Megabyte, 64 * Megabyte })
        {
            var content = new byte[size];
            RandomNumberGenerator.Fill(content);
            var expected = SHA256.HashData(content);
            var up = new List<double>();
            var down = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var startedAt = Stopwatch.GetTimestamp();
                using var upload = new HttpRequestMessage(HttpMethod.Post, "/v1/media") { Content = new ByteArrayContent(content) };
                upload.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
                upload.Headers.ExpectContinue = true;
                using var uploaded = await http.SendAsync(upload);
                uploaded.EnsureSuccessStatusCode();
                up.Add(size / (double)Megabyte / Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
                using var answer = System.Text.Json.JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync());
                var id = answer.RootElement.GetProperty("media")[0].GetProperty("id").GetString();

                startedAt = Stopwatch.GetTimestamp();
                using (var downloaded = await http.GetAsync($"/v1/media/{id}", HttpCompletionOption.ResponseHeadersRead))
                await using (var hash = new HashingStream())
                {
                    downloaded.EnsureSuccessStatusCode();
                    await (await downloaded.Content.ReadAsStreamAsync()).CopyToAsync(hash);
                    if (!hash.Hash().AsSpan().SequenceEqual(expected))
                    {
                        throw new InvalidOperationException("The download differs from the upload.");
                    }
                }

                down.Add(size / (double)Megabyte / Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
                using var deleted = await http.DeleteAsync($"/v1/media/{id}");
                deleted.EnsureSuccessStatusCode();
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  gateway, {size / Megabyte} MB, run {run + 1}: up {up[^1]:0} MB/s, down {down[^1]:0} MB/s"));
            }

            table.AppendLine(CultureInfo.InvariantCulture,
                $"| chunked rows, 1 MB chunks | {size / Megabyte} MB | {Each(up)} | **{Benchmarks.Median(up):0}** | {Each(down)} | **{Benchmarks.Median(down):0}** |");
        }

        var peakAfter = PeakResidentBytes(gateway.Process.Pid);
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"The gateway's peak resident memory (VmHWM): {peakBefore / (double)Megabyte:0} MB before the first file, {peakAfter / (double)Megabyte:0} MB after the last.");
        return table.ToString();
    }

    /// <summary>The most resident memory the process has had (VmHWM in /proc/PID/status), in bytes.</summary>
    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Each(IEnumerable<double> values) => string.Join(" · ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));

    private static async Task<Transfer> MeasureAsync(IMediaStore store, byte[] content, byte[] expected)
    {
        var id = Guid.CreateVersion7();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var startedAt = Stopwatch.GetTimestamp();
        var saved = await store.SaveAsync(id, "video/mp4", new MemoryStream(content, writable: false), content.Length, CancellationToken.None);
        var uploaded = Stopwatch.GetElapsedTime(startedAt);
        if (saved.File is not { } file)
        {
            throw new InvalidOperationException($"The upload was not stored: {saved.Outcome}");
        }

        startedAt = Stopwatch.GetTimestamp();
        await using (var hash = new HashingStream())
        {
            await store.CopyToAsync(file, hash, CancellationToken.None);
            if (!hash.Hash().AsSpan().SequenceEqual(expected))
            {
                throw new InvalidOperationException("The download differs from the upload.");
            }
        }

        var downloaded = Stopwatch.GetElapsedTime(startedAt);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        startedAt = Stopwatch.GetTimestamp();
        if (!await store.DeleteAsync(id, CancellationToken.None))
        {
            throw new InvalidOperationException("The file was not found to delete.");
        }

        var deleted = Stopwatch.GetElapsedTime(startedAt);
        double megabytes = content.Length / (double)Megabyte;
        return new Transfer(megabytes / uploaded.TotalSeconds, megabytes / downloaded.TotalSeconds, deleted.TotalMilliseconds, allocated / (double)Megabyte);
    }

    private sealed record Transfer(double UploadMbps, double DownloadMbps, double DeleteMs, double AllocatedMb);

    /// <summary>A write-only stream that only hashes what it is given.</summary>
    private sealed class HashingStream : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] Hash() => _hash.GetHashAndReset();

        public override void Write(byte[] buffer, int offset, int count) => _hash.AppendData(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _hash.AppendData(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// Media as PostgreSQL large objects, for the comparison only: lo_create, then one lo_put per chunk
    /// (each its own statement, as the chunked store does), lo_get per chunk to read, lo_unlink to delete.
    /// The file's type and length, which a real store would keep in a table beside the object, stay in memory.
    /// </summary>
    private sealed class LargeObjects(NpgsqlDataSource database, int chunkBytes) : IMediaStore
    {
        private readonly Dictionary<Guid, uint> _objects = [];

        public async Task<MediaSaveResult> SaveAsync(Guid id, string contentType, Stream content, long maxLength, CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
            try
            {
                await using var create = database.CreateCommand("SELECT lo_create(0)");
                var oid = (uint)(await create.ExecuteScalarAsync(cancellationToken))!;
                long length = 0;
                int read;
                while ((read = await content.ReadAtLeastAsync(buffer.AsMemory(0, chunkBytes), chunkBytes, throwOnEndOfStream: false, cancellationToken)) > 0)
                {
                    await using var put = database.CreateCommand("SELECT lo_put($1, $2, $3)");
                    put.Parameters.Add(new() { Value = oid, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
                    put.Parameters.Add(new() { Value = length });
                    put.Parameters.Add(new() { Value = new ArraySegment<byte>(buffer, 0, read), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
                    await put.ExecuteNonQueryAsync(cancellationToken);
                    length += read;
                }

                _objects[id] = oid;
                return new MediaSaveResult(MediaSaveOutcome.Stored, new MediaFile(id, contentType, length, DateTimeOffset.UtcNow));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public Task<MediaFile?> FindAsync(Guid id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public async Task CopyToAsync(MediaFile file, Stream destination, CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
            try
            {
                for (long offset = 0; offset < file.Length; offset += chunkBytes)
                {
                    var length = (int)Math.Min(chunkBytes, file.Length - offset);
                    await using (var get = database.CreateCommand("SELECT lo_get($1, $2, $3)"))
                    {
                        get.Parameters.Add(new() { Value = _objects[file.Id], NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
                        get.Parameters.Add(new() { Value = offset });
                        get.Parameters.Add(new() { Value = length });
                        await using var reader = await get.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
                        await reader.ReadAsync(cancellationToken);
                        await using var data = reader.GetStream(0);
                        await data.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
                    }

                    await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
        {
            await using var unlink = database.CreateCommand("SELECT lo_unlink($1)");
            unlink.Parameters.Add(new() { Value = _objects[id], NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
            return (int)(await unlink.ExecuteScalarAsync(cancellationToken))! == 1;
        }
    }
}
