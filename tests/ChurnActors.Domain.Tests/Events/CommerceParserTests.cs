using ChurnActors.Domain.Events;

namespace ChurnActors.Domain.Tests.Events;

public sealed class CommerceParserTests
{
    [Fact]
    public void Parse_KeepsOnlyObjectProducts_WhenTheArrayMixesKinds()
    {
        var details = CommerceParser.Parse("""
            {"order_id":"o-7",
             "products":[{"product_id":"p1","price":4,"quantity":3},"p2",null,7,{"sku":"s3","price":1.5}]}
            """);

        Assert.Equal(2, details.Products.Count);
        Assert.Equal(new ProductLine("p1", null, 4m, 3), details.Products[0]);
        Assert.Equal(new ProductLine("s3", null, 1.5m, 1), details.Products[1]);
        Assert.Equal(13.5m, details.Amount); // no revenue, total or value: price x quantity summed
    }

    [Fact]
    public void Parse_ReadsOneProduct_WhenAProductEventCarriesItAtTheTopLevel()
    {
        var details = CommerceParser.Parse("""{"product_id":"p9","category":"Games","price":"19.99"}""");

        var product = Assert.Single(details.Products);
        Assert.Equal(new ProductLine("p9", "Games", 19.99m, 1), product);
    }

    [Fact]
    public void Parse_ReturnsNoDetails_WhenTheArrayHoldsNoProductObject()
    {
        var details = CommerceParser.Parse("""{"products":["p1",3,null]}""");

        Assert.Same(CommerceDetails.None, details);
        Assert.Empty(details.Products);
    }

    [Fact]
    public void Parse_KeepsTheOrderWithoutProducts_WhenOnlyAnOrderIdAndRevenueArrive()
    {
        var details = CommerceParser.Parse("""{"order_id":"o-8","revenue":42,"products":[]}""");

        Assert.Equal("o-8", details.OrderId);
        Assert.Equal(42m, details.Amount);
        Assert.Empty(details.Products);
    }
}
