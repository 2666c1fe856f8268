using System.Text.Json;
using Multiconnect.Gateway.Requests;
using Multiconnect.Gateway.Requests.Messages;
using Multiconnect.Harness;
using Multiconnect.Upstream;

namespace Multiconnect.Tests.Unit.Harness;

public sealed class MessageMixTests
{
    [Fact]
    public void Every_type_of_the_mix_is_a_valid_send_whose_content_carries_its_sequence()
    {
        foreach (var type in MessageMix.Types)
        {
            var mix = MessageMix.Parse($"{type}=1", out var problem);
            Assert.Null(problem);

            var send = JsonRequestBody.From<SendMessageBody>(JsonDocument.Parse(mix!.Body("16315551234", 4711)).RootElement);

            Assert.True(send.IsValid, $"{type}: {send.Error}");
            Assert.Equal(type, send.Value.MessageType);
            Assert.True(MessageSequence.TryRead(send.Value.Content(), out var sequence), type);
            Assert.Equal(4711, sequence);
        }
    }

    [Fact]
    public async Task Once_uploaded_every_other_medium_names_its_file_by_id_and_still_carries_its_sequence()
    {
        var uploads = new List<string?>();
        using var http = new HttpClient(new Answering(request =>
        {
            uploads.Add(request.Content!.Headers.ContentType!.MediaType);
            return $$"""{"media":[{"id":"{{Guid.NewGuid()}}"}]}""";
        })) { BaseAddress = new Uri("http://gateway") };

        var mix = await MessageMix.Parse("image=1,document=1,text=1", out _)!.UploadAsync(http, CancellationToken.None);
        var bodies = Enumerable.Range(0, 400).Select(seq => (Seq: seq, Send: JsonRequestBody.From<SendMessageBody>(JsonDocument.Parse(mix.Body("16315551234", seq)).RootElement)))
            .Where(b => b.Send.Value!.MessageType != "text").ToList();

        Assert.Equal(["image/jpeg", "application/pdf"], uploads);
        Assert.All(bodies, b =>
        {
            Assert.True(b.Send.IsValid, b.Send.Error?.ToString());
            Assert.Equal(b.Seq % 2 == 0, MessageContent.MediaId(b.Send.Value!.MessageType, b.Send.Value.Content()) is not null);
            Assert.True(MessageSequence.TryRead(b.Send.Value!.Content(), out var sequence) && sequence == b.Seq);
        });
    }

    [Fact]
    public void The_weights_decide_the_share_of_each_type()
    {
        var mix = MessageMix.Parse("text=80,template=20", out _)!;

        var templates = Enumerable.Range(0, 10_000).Count(i => mix.Body("16315551234", i).Contains("\"type\":\"template\"", StringComparison.Ordinal));

        Assert.InRange(templates, 1_600, 2_400);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("text=0")]
    [InlineData("text=80,text=20")]
    [InlineData("reaction=5")]
    [InlineData("text=eighty")]
    public void A_mix_that_is_not_types_with_positive_weights_is_refused(string text)
    {
        Assert.Null(MessageMix.Parse(text, out var problem));
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData("seq=12 hello", 12L)]
    [InlineData("""{"caption":"seq=34 hello"}""", 34L)]
    [InlineData("""{"link":"https://example.com/a.ogg?seq=56"}""", 56L)]
    [InlineData("""[{"name":{"formatted_name":"seq=78 Jo"}}]""", 78L)]
    public void The_sequence_is_read_from_a_text_or_from_anywhere_in_a_JSON_content(string body, long expected)
    {
        Assert.True(MessageSequence.TryRead(body, out var sequence));
        Assert.Equal(expected, sequence);
    }

    [Theory]
    [InlineData("hello seq=12")]
    [InlineData("""{"caption":"no sequence"}""")]
    public void A_text_not_starting_with_it_or_a_JSON_content_without_it_has_none(string body)
    {
        Assert.False(MessageSequence.TryRead(body, out _));
    }

    /// <summary>Answers every request 201 with the JSON <c>answer</c> gives.</summary>
    private sealed class Answering(Func<HttpRequestMessage, string> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Created) { Content = new StringContent(answer(request), System.Text.Encoding.UTF8, "application/json") });
    }
}
