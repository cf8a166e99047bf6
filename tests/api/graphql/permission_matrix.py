"""The permission matrix: for every root field, what each kind of caller gets.

Callers (columns, in this order):
  hq        an HQ admin
  mgr       the regional manager of the target store's region (R1)
  merch     the target store's dedicated merchandiser (R1)
  m-far     a merchandiser of another region (R2)
  fr        the target store's franchisee
  f-oth     the franchisee of another store (same region)
  key       an integration key holding every integration scope
  k-no      an integration key holding a scope no field uses (shipment:read)
  anon      no credentials

Outcomes: OK (done / data), FB (FORBIDDEN), NF (NOT_FOUND: out of reach), NU (null: `node`
finds nothing), UA (UNAUTHENTICATED).

The target store is s0: region R1, merchandiser `merch`, franchisee `fr`. One world serves every
row of a test module, so every row builds its variables per call (unique codes; a fresh
complaint in the state the move needs; a fresh key to revoke, field to delete) and leaves the
world as the other rows expect it, whatever the order.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PIL import Image

from domain import clock
from domain.orders.models import OrderStatus
from tests.api.graphql.matrix_world import Setup, unique
from tests.domain.shipments.factories import tracking_number
from tests.fixtures import UploadFile

PERSONAS = ("hq", "mgr", "merch", "m-far", "fr", "f-oth", "key", "k-no", "anon")


Variables = Callable[[Setup], Awaitable[dict[str, Any]]]


async def _none(_: Setup) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Row:
    """One root field: an operation, its variables, and the outcome per caller."""

    operation: str
    outcomes: str
    variables: Variables = _none

    def expected(self) -> dict[str, str]:
        values = self.outcomes.split()
        assert len(values) == len(PERSONAS), self.operation
        return dict(zip(PERSONAS, values, strict=True))


def vars_(build: Callable[[Setup], dict[str, Any]]) -> Variables:
    """Variables that need no database work."""

    async def make(setup: Setup) -> dict[str, Any]:
        return build(setup)

    return make


def _order(status: OrderStatus, name: str = "id", wrap: bool = True, **fields: Any) -> Variables:
    """Variables naming a fresh order of s0 in `status` (as `input.<name>`, or `<name>`)."""

    async def make(setup: Setup) -> dict[str, Any]:
        values = {name: await setup.order(status), **fields}
        return {"input": values} if wrap else values

    return make


async def _run_of_s0(setup: Setup) -> dict[str, Any]:
    """Variables naming a fresh recommendation run of s0 (queued; nothing runs it here)."""
    from domain.recommendation.runs.service import RunRequest, request_run
    from domain.tenancy.session import tenant_session

    hq = setup.world.hq.actor
    async with tenant_session(setup.db, hq) as session:
        run = await request_run(session, hq, RunRequest(store_ids=[setup.world.stores[0].id]))
        await session.commit()
    return {"id": setup.gid("RecommendationRun", run.id)}


async def _undeleted_tenant(setup: Setup) -> dict[str, Any]:
    """The tenant's slug to confirm its deletion, after undoing a deletion by an earlier call."""
    from domain.tenancy.models import Tenant
    from domain.tenancy.session import tenant_session

    tenant_id = setup.world.tenant.id
    async with tenant_session(setup.db, setup.world.hq.actor) as session:
        tenant = await session.get(Tenant, tenant_id)
        assert tenant is not None
        tenant.deleted_at = tenant.purge_after = None
        await session.commit()
    return {"input": {"confirmSlug": setup.world.tenant.slug}}


async def _approval_input(setup: Setup) -> dict[str, Any]:
    return {"input": {"id": await setup.approval(), "approve": False, "reason": "太多了"}}


async def _shipment_create_input(setup: Setup) -> dict[str, Any]:
    order = await setup.order(OrderStatus.PICKING)
    number = tracking_number()
    return {"input": {"orderId": order, "carrier": "sf", "trackingNumber": number, "parcels": 1}}


async def _shipment_event_input(setup: Setup) -> dict[str, Any]:
    return {
        "input": {
            "shipmentId": await setup.shipment(),
            "status": "IN_TRANSIT",
            "occurredAt": clock.now().isoformat(),
            "location": "上海分拨中心",
        }
    }


def _sales_file(setup: Setup) -> dict[str, Any]:
    content = f"store_code,sku_code,day,qty\n{setup.world.stores[0].code},"
    content += f"{setup.world.skus[0].code},{TODAY},1\n"
    return {
        "kind": "SALES",
        "fileName": "sales.csv",
        "contentBase64": base64.b64encode(content.encode()).decode(),
        "dryRun": True,
    }


STORE_ONLY = vars_(lambda s: {"store": s.store})
TODAY = date(2026, 11, 20).isoformat()

#                              hq  mgr merch m-far fr f-oth key k-no anon
STAFF_READ = "                 OK  OK  OK    OK    FB FB    FB  FB   UA"
TENANT_READ = "                OK  OK  OK    OK    OK OK    OK  FB   UA"
STAFF_TENANT_READ = "          OK  OK  OK    OK    FB FB    OK  FB   UA"
HQ_ONLY = "                    OK  FB  FB    FB    FB FB    FB  FB   UA"
HQ_AND_KEY = "                 OK  FB  FB    FB    FB FB    OK  FB   UA"
STORE_READ_S0 = "              OK  OK  OK    NF    OK NF    OK  FB   UA"
SERVING_S0 = "                 OK  OK  OK    NF    OK NF    FB  FB   UA"
STAFF_SERVING_S0 = "           OK  OK  OK    NF    FB FB    FB  FB   UA"
EVERY_MEMBER = "               OK  OK  OK    OK    OK OK    FB  FB   UA"

QUERIES: dict[str, Row] = {
    "node": Row(
        "query($id: ID!) { node(id: $id) { id } }",
        "OK OK OK NU OK NU OK NU UA",
        vars_(lambda s: {"id": s.store}),
    ),
    "me": Row("{ me { role } }", "OK OK OK OK OK OK OK OK UA"),
    # Each signed-in person's own (integrations have none: an empty list).
    "myInvitations": Row("{ myInvitations { id } }", "OK OK OK OK OK OK OK OK UA"),
    "users": Row("{ users { totalCount } }", STAFF_READ),
    "merchandisers": Row("{ merchandisers { totalCount } }", STAFF_READ),
    "regions": Row("{ regions { code } }", STAFF_TENANT_READ),
    "products": Row("{ products { totalCount } }", TENANT_READ),
    "product": Row(
        "query($id: ID!) { product(id: $id) { code } }",
        TENANT_READ,
        vars_(lambda s: {"id": s.gid("Product", s.world.skus[0].product_id)}),
    ),
    "skus": Row("{ skus { totalCount } }", TENANT_READ),
    "warehouses": Row("{ warehouses { code } }", TENANT_READ),
    "stockLevels": Row("{ stockLevels { totalCount } }", TENANT_READ),
    "storeInventory": Row(
        "query($store: ID!) { storeInventory(storeId: $store) { totalCount } }",
        STORE_READ_S0,
        STORE_ONLY,
    ),
    "storeForecast": Row(
        "query($store: ID!) { storeForecast(store: $store, first: 1) { totalExpectedUnits } }",
        STORE_READ_S0,
        STORE_ONLY,
    ),
    "salesSummary": Row(
        """query($store: ID!, $day: Date!) {
             salesSummary(storeId: $store, from: $day, to: $day, groupBy: DAY) { totals { units } } }""",
        STORE_READ_S0,
        vars_(lambda s: {"store": s.store, "day": TODAY}),
    ),
    "notifications": Row(
        "query($store: ID!) { notifications(storeId: $store) { totalCount } }",
        SERVING_S0,
        STORE_ONLY,
    ),
    "messageThread": Row(
        "query($store: ID!) { messageThread(storeId: $store) { id } }", SERVING_S0, STORE_ONLY
    ),
    "messages": Row(
        "query($store: ID!) { messages(storeId: $store) { totalCount } }", SERVING_S0, STORE_ONLY
    ),
    "messageThreads": Row("{ messageThreads(unreadOnly: false) { totalCount } }", EVERY_MEMBER),
    "unreadMessageCount": Row("{ unreadMessageCount }", EVERY_MEMBER),
    "complaints": Row("{ complaints { totalCount } }", EVERY_MEMBER),
    "worklist": Row("{ worklist { totalCount } }", "OK OK OK OK FB FB FB FB UA"),
    "stores": Row("{ stores { totalCount } }", "OK OK OK OK OK OK OK FB UA"),
    "store": Row(
        "query($id: ID!) { store(id: $id) { code } }",
        STORE_READ_S0,
        vars_(lambda s: {"id": s.store}),
    ),
    "storePassport": Row(
        "query($id: ID!) { storePassport(id: $id) { store { code } } }",
        STORE_READ_S0,
        vars_(lambda s: {"id": s.store}),
    ),
    "customFieldDefinitions": Row(
        "{ customFieldDefinitions { key } }", "OK OK OK OK OK OK OK FB UA"
    ),
    "apiKeys": Row("{ apiKeys { totalCount } }", HQ_ONLY),
    "order": Row(
        "query($id: ID!) { order(id: $id) { number } }",
        "OK OK OK NU OK NU OK FB UA",
        _order(OrderStatus.PROPOSED, "id", wrap=False),
    ),
    "orders": Row("{ orders { totalCount } }", "OK OK OK OK OK OK OK FB UA"),
    "shipments": Row("{ shipments { totalCount } }", "OK OK OK OK OK OK OK OK UA"),
    "pickLists": Row("{ pickLists { totalCount } }", "OK OK OK OK OK OK OK OK UA"),
    "carriers": Row("{ carriers { code } }", "OK OK OK OK OK OK OK OK UA"),
    "surveys": Row("{ surveys { totalCount } }", EVERY_MEMBER),
    "surveySummary": Row("{ surveySummary { answered } }", EVERY_MEMBER),
    "oauthClients": Row("{ oauthClients { totalCount } }", HQ_ONLY),
    "tenantPolicies": Row("{ tenantPolicies { allocation { horizonDays } } }", STAFF_READ),
    "storeLearnedFactors": Row(
        "query($store: ID!) { storeLearnedFactors(storeId: $store) { factor } }",
        STORE_READ_S0,
        STORE_ONLY,
    ),
    # A run of s0 asked by HQ: region R1's staff see it, franchisees never see runs.
    "recommendationRun": Row(
        "query($id: ID!) { recommendationRun(id: $id) { key } }",
        "OK OK OK NU NU NU OK FB UA",
        _run_of_s0,
    ),
    "recommendationRuns": Row(
        "{ recommendationRuns { totalCount } }", "OK OK OK OK OK OK OK FB UA"
    ),
}


def _payload(
    field: str, input_type: str, selection: str = "userErrors { field code message }"
) -> str:
    return f"mutation($input: {input_type}!) {{ {field}(input: $input) {{ {selection} }} }}"


def _input(build: Callable[[Setup], dict[str, Any]]) -> Variables:
    return vars_(lambda s: {"input": build(s)})


def _complaint_input(*moves: str, **fields: Any) -> Variables:
    async def make(setup: Setup) -> dict[str, Any]:
        extra = {k: (v(setup) if callable(v) else v) for k, v in fields.items()}
        return {"input": {"id": await setup.complaint(*moves), **extra}}

    return make


async def _photo_input(setup: Setup) -> dict[str, Any]:
    image = io.BytesIO()
    Image.new("RGB", (4, 4)).save(image, format="PNG")
    file = UploadFile("photo.png", image.getvalue())
    return {"input": {"complaintId": await setup.complaint(), "file": file}}


def _fresh(name: str, kind: str) -> Variables:
    """An input naming a fresh credential (ApiKey, OAuthClient) or custom field (field)."""

    async def make(setup: Setup) -> dict[str, Any]:
        value = await (setup.custom_field() if kind == "field" else setup.credential(kind))
        return {"input": {name: value}}

    return make


async def _escalate_input(setup: Setup) -> dict[str, Any]:
    await setup.thread_at_store_level()
    return {"input": {"storeId": setup.store}}


MUTATIONS: dict[str, Row] = {
    "regionCreate": Row(
        _payload("regionCreate", "RegionCreateInput"),
        HQ_ONLY,
        _input(lambda s: {"code": unique("RX"), "name": "新大区"}),
    ),
    "regionUpdate": Row(
        _payload("regionUpdate", "RegionUpdateInput"),
        HQ_ONLY,
        _input(lambda s: {"id": s.gid("Region", s.world.regions[0].id), "name": "华北"}),
    ),
    "productCreate": Row(
        _payload("productCreate", "ProductCreateInput"),
        HQ_AND_KEY,
        _input(
            lambda s: {
                "code": (code := unique("PX")),
                "name": "羊毛衫",
                "category": "knitwear",
                "retailPrice": "299.00",
                "unitCost": "120.00",
                "skus": [{"code": f"{code}-M", "colour": "grey", "size": "M"}],
            }
        ),
    ),
    "productUpdate": Row(
        _payload("productUpdate", "ProductUpdateInput"),
        HQ_AND_KEY,
        _input(lambda s: {"id": s.gid("Product", s.world.skus[0].product_id), "name": "新名"}),
    ),
    "warehouseCreate": Row(
        _payload("warehouseCreate", "WarehouseCreateInput"),
        HQ_AND_KEY,
        _input(lambda s: {"code": unique("WX"), "name": "华东仓"}),
    ),
    "stockUpsert": Row(
        _payload("stockUpsert", "StockUpsertInput"),
        HQ_AND_KEY,
        _input(
            lambda s: {
                "rows": [
                    {
                        "warehouseCode": s.world.warehouse.code if s.world.warehouse else "",
                        "skuCode": s.world.skus[0].code,
                        "onHand": 50,
                    }
                ]
            }
        ),
    ),
    "storeInventoryUpsert": Row(
        _payload("storeInventoryUpsert", "StoreInventoryUpsertInput"),
        HQ_AND_KEY,
        _input(
            lambda s: {
                "rows": [
                    {
                        "storeCode": s.world.stores[0].code,
                        "skuCode": s.world.skus[0].code,
                        "onHand": 4,
                    }
                ]
            }
        ),
    ),
    "salesRecord": Row(
        _payload("salesRecord", "SalesRecordInput"),
        HQ_AND_KEY,
        _input(
            lambda s: {
                "rows": [
                    {
                        "storeCode": s.world.stores[0].code,
                        "day": TODAY,
                        "qty": 2,
                        "skuCode": s.world.skus[0].code,
                    }
                ]
            }
        ),
    ),
    "orderSend": Row(
        _payload("orderSend", "OrderIdInput"),
        "OK OK OK NF FB FB FB FB UA",
        _order(OrderStatus.DRAFT),
    ),
    "orderView": Row(
        _payload("orderView", "OrderIdInput"),
        # Viewing is the franchisee opening the proposal; staff read it without moving it.
        "FB FB FB NF OK NF FB FB UA",
        _order(OrderStatus.PROPOSED),
    ),
    "orderEdit": Row(
        _payload("orderEdit", "OrderEditInput"),
        "OK OK OK NF FB FB FB FB UA",
        _order(OrderStatus.DRAFT, note="补了一件"),
    ),
    "orderAdjust": Row(
        _payload("orderAdjust", "OrderAdjustInput"),
        "OK FB FB FB OK NF FB FB UA",
        _order(OrderStatus.PROPOSED, lines=[]),
    ),
    "orderConfirm": Row(
        _payload("orderConfirm", "OrderIdInput"),
        "OK FB FB FB OK NF FB FB UA",
        _order(OrderStatus.VIEWED),
    ),
    "orderReject": Row(
        _payload("orderReject", "OrderReasonInput"),
        "OK FB FB FB OK NF FB FB UA",
        _order(OrderStatus.VIEWED, reason="不合适"),
    ),
    "orderCancel": Row(
        _payload("orderCancel", "OrderReasonInput"),
        "OK OK OK NF FB FB FB FB UA",
        _order(OrderStatus.PROPOSED, reason="开错了"),
    ),
    "orderApprovalDecide": Row(
        _payload("orderApprovalDecide", "OrderApprovalDecideInput"), HQ_ONLY, _approval_input
    ),
    "pickingStart": Row(
        _payload("pickingStart", "PickingStartInput"),
        HQ_AND_KEY,
        _order(OrderStatus.CONFIRMED, "orderId"),
    ),
    "shipmentCreate": Row(
        _payload("shipmentCreate", "ShipmentCreateInput"),
        HQ_AND_KEY,
        _shipment_create_input,
    ),
    "shipmentRecordEvent": Row(
        _payload("shipmentRecordEvent", "ShipmentRecordEventInput"),
        HQ_AND_KEY,
        _shipment_event_input,
    ),
    "carrierSecretSet": Row(
        _payload("carrierSecretSet", "CarrierSecretSetInput"),
        HQ_ONLY,
        _input(lambda s: {"carrier": "zto"}),
    ),
    "surveyAnswer": Row(
        _payload("surveyAnswer", "SurveyAnswerInput"),
        "FB FB FB FB OK NF FB FB UA",
        _order(
            OrderStatus.DELIVERED,
            "orderId",
            overall=4,
            pickAccuracy=4,
            timeliness=5,
            goodsQuality=4,
            valueForMoney=3,
        ),
    ),
    "dataImport": Row(_payload("dataImport", "DataImportInput"), HQ_AND_KEY, _input(_sales_file)),
    "productsUpsert": Row(
        _payload("productsUpsert", "ProductsUpsertInput"),
        HQ_AND_KEY,
        _input(
            lambda s: {
                "products": [
                    {
                        "code": (code := unique("PU")),
                        "name": "开衫",
                        "category": "knitwear",
                        "retailPrice": "259.00",
                        "unitCost": "100.00",
                        "skus": [{"code": f"{code}-S", "colour": "red", "size": "S"}],
                    }
                ],
                "dryRun": True,
            }
        ),
    ),
    "messageSend": Row(
        _payload("messageSend", "MessageSendInput"),
        SERVING_S0,
        _input(lambda s: {"storeId": s.store, "body": "你好"}),
    ),
    "messageMarkRead": Row(
        _payload("messageMarkRead", "MessageMarkReadInput"),
        SERVING_S0,
        _input(lambda s: {"storeId": s.store}),
    ),
    "messageThreadEscalate": Row(
        _payload("messageThreadEscalate", "MessageThreadEscalateInput"), SERVING_S0, _escalate_input
    ),
    "complaintCreate": Row(
        _payload("complaintCreate", "ComplaintCreateInput"),
        SERVING_S0,
        _input(
            lambda s: {
                "storeId": s.store,
                "category": "SHORTAGE",
                "severity": "LOW",
                "description": "少货",
            }
        ),
    ),
    "complaintPhotoAdd": Row(
        _payload("complaintPhotoAdd", "ComplaintPhotoAddInput"),
        SERVING_S0,
        _photo_input,
    ),
    "complaintAssign": Row(
        _payload("complaintAssign", "ComplaintAssignInput"),
        STAFF_SERVING_S0,
        _complaint_input(assigneeId=lambda s: s.gid("User", s.world.stores[0].merchandiser_id)),
    ),
    "complaintStart": Row(
        _payload("complaintStart", "ComplaintIdInput"), STAFF_SERVING_S0, _complaint_input()
    ),
    "complaintResolve": Row(
        _payload("complaintResolve", "ComplaintResolveInput"),
        STAFF_SERVING_S0,
        _complaint_input("start", resolution="补发了"),
    ),
    # HQ filed these: s0's franchisee may close or reopen only complaints they filed.
    "complaintClose": Row(
        _payload("complaintClose", "ComplaintIdInput"),
        "OK OK OK NF FB NF FB FB UA",
        _complaint_input("resolve"),
    ),
    "complaintReopen": Row(
        _payload("complaintReopen", "ComplaintReopenInput"),
        "OK OK OK NF FB NF FB FB UA",
        _complaint_input("resolve", reason="还是少货"),
    ),
    "storeCreate": Row(
        _payload("storeCreate", "StoreCreateInput"),
        "OK OK FB FB FB FB FB FB UA",
        _input(
            lambda s: {
                "code": unique("NEW-"),
                "name": "新店",
                "province": "Beijing",
                "city": "Beijing",
            }
        ),
    ),
    "storeUpdate": Row(
        _payload("storeUpdate", "StoreUpdateInput"),
        "OK OK OK NF FB FB FB FB UA",
        _input(lambda s: {"id": s.store, "name": "改名"}),
    ),
    # On s1 (same region, same merchandiser as s0), so that s0 keeps its merchandiser.
    # On s1 (same region and merchandiser as s0), so that s0 keeps its merchandiser.
    "storeAssignMerchandiser": Row(
        _payload("storeAssignMerchandiser", "StoreAssignMerchandiserInput"),
        "OK OK FB FB FB FB FB FB UA",
        _input(
            lambda s: {
                "storeId": s.gid("Store", s.world.stores[1].id),
                "merchandiserId": s.gid("User", s.stand_in.user.id),
                "reason": "平衡工作量",
            }
        ),
    ),
    "storeSetBudget": Row(
        _payload("storeSetBudget", "StoreSetBudgetInput"),
        SERVING_S0,
        _input(lambda s: {"storeId": s.store, "budget": "9000.00"}),
    ),
    "storeSetPreferences": Row(
        _payload("storeSetPreferences", "StoreSetPreferencesInput"),
        SERVING_S0,
        _input(lambda s: {"storeId": s.store, "favouredCategories": ["knitwear"]}),
    ),
    "storeSetCustomFields": Row(
        _payload("storeSetCustomFields", "StoreSetCustomFieldsInput"),
        # "staff" is not franchisee-editable: S0's franchisee is refused it, others see no S0
        "OK OK OK NF FB NF FB FB UA",
        _input(lambda s: {"storeId": s.store, "values": {"staff": 3}}),
    ),
    "customFieldDefine": Row(
        _payload("customFieldDefine", "CustomFieldDefineInput"),
        HQ_ONLY,
        _input(lambda s: {"key": "mall", "label": "商场", "type": "TEXT"}),
    ),
    "customFieldDelete": Row(
        _payload("customFieldDelete", "CustomFieldDeleteInput"),
        HQ_ONLY,
        _fresh("key", "field"),
    ),
    "storeLogContact": Row(
        _payload("storeLogContact", "ContactLogInput"),
        STAFF_SERVING_S0,
        _input(lambda s: {"storeId": s.store, "channel": "PHONE", "summary": "电话回访"}),
    ),
    "userCreate": Row(
        _payload("userCreate", "UserCreateInput"),
        HQ_ONLY,
        _input(
            lambda s: {"email": f"{unique('new')}@example.test", "name": "新人", "role": "HQ_ADMIN"}
        ),
    ),
    # Nobody answers an invitation that is not theirs (here: none is anyone's).
    "invitationAccept": Row(
        _payload("invitationAccept", "InvitationAnswerInput"),
        "NF NF NF NF NF NF NF NF UA",
        _input(lambda s: {"id": s.gid("Invitation", 2147483000)}),
    ),
    "invitationDecline": Row(
        _payload("invitationDecline", "InvitationAnswerInput"),
        "NF NF NF NF NF NF NF NF UA",
        _input(lambda s: {"id": s.gid("Invitation", 2147483000)}),
    ),
    "userChangeRole": Row(
        _payload("userChangeRole", "UserChangeRoleInput"),
        HQ_ONLY,
        _input(
            lambda s: {
                "id": s.gid("User", s.spare.user.id),
                "role": "MERCHANDISER",
                "regionId": s.gid("Region", s.world.regions[1].id),
            }
        ),
    ),
    "userDeactivate": Row(
        _payload("userDeactivate", "UserIdInput"),
        HQ_ONLY,
        _input(lambda s: {"id": s.gid("User", s.spare.user.id)}),
    ),
    "userReactivate": Row(
        _payload("userReactivate", "UserIdInput"),
        HQ_ONLY,
        _input(lambda s: {"id": s.gid("User", s.spare.user.id)}),
    ),
    "apiKeyCreate": Row(
        _payload("apiKeyCreate", "CredentialCreateInput"),
        HQ_ONLY,
        _input(lambda s: {"name": "POS", "scopes": ["sales:write"]}),
    ),
    "apiKeyRevoke": Row(
        _payload("apiKeyRevoke", "CredentialRevokeInput"),
        HQ_ONLY,
        _fresh("id", "ApiKey"),
    ),
    "oauthClientCreate": Row(
        _payload("oauthClientCreate", "CredentialCreateInput"),
        HQ_ONLY,
        _input(lambda s: {"name": "ERP", "scopes": ["stock:write"]}),
    ),
    "oauthClientRevoke": Row(
        _payload("oauthClientRevoke", "CredentialRevokeInput"),
        HQ_ONLY,
        _fresh("id", "OAuthClient"),
    ),
    "tenantPoliciesUpdate": Row(
        _payload("tenantPoliciesUpdate", "TenantPoliciesUpdateInput"),
        HQ_ONLY,
        _input(lambda s: {"allocation": {"minStyleUnits": 0}}),
    ),
    # HQ (the first caller) really deletes the tenant; each later call's variables undo it first.
    "tenantDelete": Row(_payload("tenantDelete", "TenantDeleteInput"), HQ_ONLY, _undeleted_tenant),
    # Integrations hold recommendation:run (an ERP may start runs); franchisees do not.
    "runRecommendations": Row(
        _payload("runRecommendations", "RunRecommendationsInput"),
        "OK OK OK NF FB FB OK FB UA",
        _input(lambda s: {"storeIds": [s.store], "horizonDays": 21}),
    ),
    "storeRecommend": Row(
        _payload("storeRecommend", "StoreRecommendInput"),
        "OK OK OK NF FB FB OK FB UA",
        _input(lambda s: {"storeId": s.store}),
    ),
}


def outcome(body: dict[str, Any], field: str) -> str:
    """What a caller got: OK, FB, NF, NU, UA, or a description of anything else."""
    errors = body.get("errors")
    if errors:
        code = (errors[0].get("extensions") or {}).get("code")
        return {"FORBIDDEN": "FB", "NOT_FOUND": "NF", "UNAUTHENTICATED": "UA"}.get(
            code, f"error {code}: {errors[0]['message']}"
        )
    data = (body.get("data") or {}).get(field)
    if data is None:
        return "NU"
    if isinstance(data, dict) and data.get("userErrors"):
        first = data["userErrors"][0]
        return {"FORBIDDEN": "FB", "NOT_FOUND": "NF"}.get(
            first["code"], f"refused {first['code']} at {first['field']}: {first['message']}"
        )
    return "OK"
