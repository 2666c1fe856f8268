using System.Net;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>POST /v1/contacts over a real socket: the original's answer since v2.43, per number, in the order asked.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class ContactsApiTests(ApiClusterFixture api)
{
    [Fact]
    public async Task Each_number_is_valid_with_its_wa_id_or_invalid_in_the_order_asked()
    {
        using var response = await api.Gateway.SendAsync(HttpMethod.Post, "/v1/contacts", api.Token,
            """{"blocking":"wait","contacts":["+1 (631) 555-1004","16315551000","0631555","+44 7700 900123x"],"force_check":true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """[{"input":"+1 (631) 555-1004","status":"valid","wa_id":"16315551004"},{"input":"16315551000","status":"valid","wa_id":"16315551000"},{"input":"0631555","status":"invalid"},{"input":"+44 7700 900123x","status":"invalid"}]""",
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("contacts").GetRawText());
    }

    [Fact]
    public async Task An_empty_list_is_1009()
    {
        using var response = await api.Gateway.SendAsync(HttpMethod.Post, "/v1/contacts", api.Token, """{"contacts":[]}""");

        await ApiAssert.ErrorsAsync(response, HttpStatusCode.BadRequest, 1009);
    }
}
