<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sl_SI">
<context>
    <name></name>
    <message>
        <source>never</source>
        <translation>nikoli</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>pravkar</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>pred {n} min</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>pred {n} h</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>pred {n} dnevi</translation>
    </message>
    <message>
        <source>Offer</source>
        <extracomment>the sync entity whose freshness covers each document type</extracomment>
        <translation>Ponudba</translation>
    </message>
    <message>
        <source>Sales order</source>
        <translation>Prodajno naročilo</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Račun</translation>
    </message>
    <message>
        <source>Invoice (foreign)</source>
        <translation>Račun (tujina)</translation>
    </message>
    <message>
        <source>Invoice (retail)</source>
        <translation>Račun (maloprodaja)</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Dobropis</translation>
    </message>
    <message>
        <source>Prepaid invoice</source>
        <translation>Avansni račun</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>Vsi dokumenti</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Ponudbe</translation>
    </message>
    <message>
        <source>Sales orders</source>
        <translation>Prodajna naročila</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Računi</translation>
    </message>
    <message>
        <source>Credit notes</source>
        <translation>Dobropisi</translation>
    </message>
    <message>
        <source>Prepaid invoices</source>
        <translation>Avansni računi</translation>
    </message>
</context>
<context>
    <name>BrowseTab</name>
    <message>
        <source>Search…</source>
        <translation>Iskanje …</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} vrstic</translation>
    </message>
    <message>
        <source>Nothing matches the search and filters.</source>
        <translation>Iskanju in filtrom ne ustreza nič.</translation>
    </message>
    <message>
        <source>Nothing here yet: it appears after the first sync.</source>
        <translation>Tu še ni ničesar: podatki se prikažejo po prvi sinhronizaciji.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Nalaganje …</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>Name</source>
        <translation>Naziv</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Št.</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Kraj</translation>
    </message>
    <message>
        <source>Tax number</source>
        <translation>Davčna številka</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-pošta</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Search partners: name, tax number, email, phone, city…  (Ctrl+F)</source>
        <translation>Iskanje partnerjev: naziv, davčna številka, e-pošta, telefon, kraj …  (Ctrl+F)</translation>
    </message>
    <message>
        <source>1 partner</source>
        <translation>1 partner</translation>
    </message>
    <message>
        <source>{n} partners</source>
        <translation>Partnerjev: {n}</translation>
    </message>
    <message>
        <source>No partner matches “{text}”.</source>
        <translation>Iskanju »{text}« ne ustreza noben partner.</translation>
    </message>
    <message>
        <source>No partners in the cache yet. They appear after the first sync.</source>
        <translation>V lokalni kopiji še ni partnerjev. Prikažejo se po prvi sinhronizaciji.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Select a row to see its details.</source>
        <translation>Izberite vrstico za podrobnosti.</translation>
    </message>
    <message>
        <source>This record is no longer in the cache.</source>
        <translation>Tega zapisa ni več v lokalni kopiji.</translation>
    </message>
    <message>
        <source>Could not read the cache: {error}</source>
        <translation>Lokalne kopije ni bilo mogoče prebrati: {error}</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <source>Select a document to see its lines, sums, payments and linked documents.</source>
        <translation>Izberite dokument za prikaz postavk, zneskov, plačil in povezanih dokumentov.</translation>
    </message>
    <message>
        <source>Status: {status} · synced {ago}</source>
        <translation>Status: {status} · sinhronizirano {ago}</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Zapadlost</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>Velja do</translation>
    </message>
    <message>
        <source>Buyer&apos;s order</source>
        <translation>Naročilo kupca</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Naslov</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Odpremljeno</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Sledenje</translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="vanished">Šifra</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Količina</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Cena</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Popust</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>DDV</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Neto</translation>
    </message>
    <message>
        <source>Tax {code}</source>
        <translation>DDV {code}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Skupaj</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Plačano</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Odprto</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Znesek</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Vrsta</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Opombe</translation>
    </message>
    <message>
        <source>not in the cache</source>
        <translation>ni v lokalni kopiji</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Številka</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>zapadlo</translation>
    </message>
    <message>
        <source>Sums</source>
        <translation>Zneski</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Postavke</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Plačila</translation>
    </message>
    <message>
        <source>Linked documents</source>
        <translation>Povezani dokumenti</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <source>Number</source>
        <translation>Številka</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Vrsta</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Skupaj</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Odprto</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Zapadlost</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Vsi statusi</translation>
    </message>
    <message>
        <source>from</source>
        <translation>od</translation>
    </message>
    <message>
        <source>to</source>
        <translation>do</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>Neplačani</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Zapadli</translation>
    </message>
    <message>
        <source>Invoices not fully paid</source>
        <translation>Računi, ki niso v celoti plačani</translation>
    </message>
    <message>
        <source>Unpaid invoices past their due date</source>
        <translation>Neplačani računi po datumu zapadlosti</translation>
    </message>
    <message>
        <source>any</source>
        <translation>kadar koli</translation>
    </message>
    <message>
        <source>Document date {bound} (clear: choose the earliest date)</source>
        <translation>Datum dokumenta {bound} (za brisanje izberite najzgodnejši datum)</translation>
    </message>
    <message>
        <source>Search documents: number, buyer&apos;s order, partner…  (Ctrl+F)</source>
        <translation>Iskanje dokumentov: številka, naročilo kupca, partner …  (Ctrl+F)</translation>
    </message>
    <message>
        <source>1 document</source>
        <translation>1 dokument</translation>
    </message>
    <message>
        <source>{n} documents</source>
        <translation>Dokumentov: {n}</translation>
    </message>
    <message>
        <source>No document matches the search and filters.</source>
        <translation>Iskanju in filtrom ne ustreza noben dokument.</translation>
    </message>
    <message>
        <source>No documents in the cache yet. They appear after the first sync.</source>
        <translation>V lokalni kopiji še ni dokumentov. Prikažejo se po prvi sinhronizaciji.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong ({kind}). mkdesk keeps running; the details below help support.</source>
        <translation>Prišlo je do napake ({kind}). mkdesk deluje naprej; podrobnosti spodaj so v pomoč podpori.</translation>
    </message>
    <message>
        <source>mkdesk — a problem occurred</source>
        <translation>mkdesk — prišlo je do težave</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Kopiraj podrobnosti</translation>
    </message>
    <message>
        <source>Details (secrets are removed):</source>
        <translation>Podrobnosti (brez gesel in ključev):</translation>
    </message>
    <message>
        <source>{count} problems occurred. The latest: {message}</source>
        <translation>Število težav: {count}. Zadnja: {message}</translation>
    </message>
    <message>
        <source>--- recent log ---</source>
        <translation>--- zadnji zapisi dnevnika ---</translation>
    </message>
</context>
<context>
    <name>FreshnessLabel</name>
    <message>
        <source>Not synced yet</source>
        <translation>Še ni sinhronizirano</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>Sinhronizirano pravkar</translation>
    </message>
    <message>
        <source>Synced {n} min ago</source>
        <translation>Sinhronizirano pred {n} min</translation>
    </message>
    <message>
        <source>Synced {n} h ago</source>
        <translation>Sinhronizirano pred {n} h</translation>
    </message>
    <message>
        <source>Synced {n} days ago</source>
        <translation>Sinhronizirano pred {n} dnevi</translation>
    </message>
    <message>
        <source> — data may be out of date</source>
        <translation> — podatki morda niso več ažurni</translation>
    </message>
    <message>
        <source>Offline — showing cached data</source>
        <translation>Brez povezave — prikazani so shranjeni podatki</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Contacts</source>
        <translation>Stranke</translation>
    </message>
    <message>
        <source>Partners and their contact persons appear here after the first sync.</source>
        <translation>Partnerji in njihove kontaktne osebe se prikažejo tu po prvi sinhronizaciji.</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumenti</translation>
    </message>
    <message>
        <source>Offers, sales orders and invoices appear here after the first sync.</source>
        <translation>Ponudbe, prodajna naročila in računi se prikažejo tu po prvi sinhronizaciji.</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Izdelki</translation>
    </message>
    <message>
        <source>Products with prices and stock per warehouse appear here after the first sync.</source>
        <translation>Izdelki s cenami in zalogo po skladiščih se prikažejo tu po prvi sinhronizaciji.</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Pošta</translation>
    </message>
    <message>
        <source>Your customers&apos; email, with their Metakocka context beside each message.</source>
        <translation>E-pošta vaših strank, ob vsakem sporočilu podatki iz Metakocke.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sinhroniziraj</translation>
    </message>
    <message>
        <source>Fetch what changed in Metakocka (F5)</source>
        <translation>Prenesi spremembe iz Metakocke (F5)</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>Prekliči sinhronizacijo</translation>
    </message>
    <message>
        <source>Quick search</source>
        <translation>Hitro iskanje</translation>
    </message>
    <message>
        <source>Find a partner, product or document (Ctrl+K)</source>
        <translation>Poišči partnerja, izdelek ali dokument (Ctrl+K)</translation>
    </message>
    <message>
        <source>Find in this tab</source>
        <translation>Išči v tem zavihku</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Glavna orodna vrstica</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Nastavitve …</translation>
    </message>
    <message>
        <source>warehouses</source>
        <translation>skladišča</translation>
    </message>
    <message>
        <source>products</source>
        <translation>izdelki</translation>
    </message>
    <message>
        <source>stock</source>
        <translation>zaloga</translation>
    </message>
    <message>
        <source>partners</source>
        <translation>partnerji</translation>
    </message>
    <message>
        <source>sales orders</source>
        <translation>prodajna naročila</translation>
    </message>
    <message>
        <source>invoices</source>
        <translation>računi</translation>
    </message>
    <message>
        <source>offers</source>
        <translation>ponudbe</translation>
    </message>
    <message>
        <source>{entity}: %v / %m</source>
        <translation>{entity}: %v / %m</translation>
    </message>
    <message>
        <source>Syncing {entity}…</source>
        <translation>Sinhronizacija: {entity} …</translation>
    </message>
    <message>
        <source>mkdesk — {name}</source>
        <translation>mkdesk — {name}</translation>
    </message>
    <message>
        <source>Your Metakocka data, kept on this computer for offline use.</source>
        <translation>Vaši podatki iz Metakocke, shranjeni na tem računalniku za delo brez povezave.</translation>
    </message>
</context>
<context>
    <name>PartnerPane</name>
    <message>
        <source>Revenue, last 12 months</source>
        <translation>Promet v zadnjih 12 mesecih</translation>
    </message>
    <message>
        <source>Select a partner to see contacts, addresses, documents and what they owe.</source>
        <translation>Izberite partnerja za prikaz kontaktov, naslovov, dokumentov in odprtega dolga.</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Podjetje</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Oseba</translation>
    </message>
    <message>
        <source>{kind} · no. {number} · synced {ago}</source>
        <translation>{kind} · št. {number} · sinhronizirano {ago}</translation>
    </message>
    <message>
        <source>({n} unpaid, {m} overdue)</source>
        <translation>(neplačanih: {n}, zapadlih: {m})</translation>
    </message>
    <message>
        <source>({n} unpaid)</source>
        <translation>(neplačanih: {n})</translation>
    </message>
    <message>
        <source>Open balance</source>
        <translation>Odprti saldo</translation>
    </message>
    <message>
        <source>Tax number</source>
        <translation>Davčna številka</translation>
    </message>
    <message>
        <source>Registration no.</source>
        <translation>Matična številka</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Naslov</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumenti</translation>
    </message>
    <message>
        <source>{n} in the cache</source>
        <translation>V lokalni kopiji: {n}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ime</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-pošta</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Vrsta</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Ulica</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Kraj</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Država</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Številka</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Skupaj</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Odprto</translation>
    </message>
    <message>
        <source>Contact persons</source>
        <translation>Kontaktne osebe</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Naslovi</translation>
    </message>
    <message>
        <source>Latest documents</source>
        <translation>Zadnji dokumenti</translation>
    </message>
</context>
<context>
    <name>ProductPane</name>
    <message>
        <source>Select a product to see its stock per warehouse and its prices.</source>
        <translation>Izberite izdelek za prikaz zaloge po skladiščih in cen.</translation>
    </message>
    <message>
        <source>Code {code} · stock synced {ago}</source>
        <translation>Šifra {code} · zaloga sinhronizirana {ago}</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Prosto</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>Na zalogi</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Rezervirano</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Črtna koda</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorije</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Opis</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Storitev</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>da</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Neaktiven</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Skupaj</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Skladišče</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Znesek</translation>
    </message>
    <message>
        <source>Pricelist</source>
        <translation>Cenik</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Neto</translation>
    </message>
    <message>
        <source>With tax</source>
        <translation>Z DDV</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Popust</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Velja</translation>
    </message>
    <message>
        <source>Stock per warehouse</source>
        <translation>Zaloga po skladiščih</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Cene</translation>
    </message>
    <message>
        <source>low stock (minimum {n})</source>
        <translation>nizka zaloga (minimum {n})</translation>
    </message>
    <message>
        <source>No stock of this product in any warehouse.</source>
        <translation>Tega izdelka ni na zalogi v nobenem skladišču.</translation>
    </message>
</context>
<context>
    <name>ProductsTab</name>
    <message>
        <source>Code</source>
        <translation>Šifra</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naziv</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Prosto</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Rezervirano</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>Na zalogi</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enota</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Črtna koda</translation>
    </message>
    <message>
        <source>Only products with free stock in some warehouse</source>
        <translation>Samo izdelki s prosto zalogo v vsaj enem skladišču</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Nizka zaloga</translation>
    </message>
    <message>
        <source>Only products whose free stock is below their minimum</source>
        <translation>Samo izdelki, katerih prosta zaloga je pod minimalno</translation>
    </message>
    <message>
        <source>Search products: code, name, barcode…  (Ctrl+F)</source>
        <translation>Iskanje izdelkov: šifra, naziv, črtna koda …  (Ctrl+F)</translation>
    </message>
    <message>
        <source>1 product</source>
        <translation>1 izdelek</translation>
    </message>
    <message>
        <source>{n} products</source>
        <translation>Izdelkov: {n}</translation>
    </message>
    <message>
        <source>No product matches the search and filters.</source>
        <translation>Iskanju in filtrom ne ustreza noben izdelek.</translation>
    </message>
    <message>
        <source>No products in the cache yet. They appear after the first sync.</source>
        <translation>V lokalni kopiji še ni izdelkov. Prikažejo se po prvi sinhronizaciji.</translation>
    </message>
</context>
<context>
    <name>ProfileSession</name>
    <message>
        <source>Company {company} at {url}.</source>
        <translation>Podjetje {company} na {url}.</translation>
    </message>
    <message>
        <source>No Metakocka profile yet — open Settings (Ctrl+,), or try `mkdesk demo` with a demo company.</source>
        <translation>Profila za Metakocko še ni — odprite Nastavitve (Ctrl+,) ali preizkusite `mkdesk demo` z demo podjetjem.</translation>
    </message>
    <message>
        <source>Sync cancelled.</source>
        <translation>Sinhronizacija je preklicana.</translation>
    </message>
    <message>
        <source>The local cache cannot be opened: {error}</source>
        <translation>Lokalnega predpomnilnika ni mogoče odpreti: {error}</translation>
    </message>
    <message>
        <source>Synced with Metakocka.</source>
        <translation>Sinhronizirano z Metakocko.</translation>
    </message>
    <message>
        <source>Sync finished with problems: {what}</source>
        <translation>Sinhronizacija je končana s težavami: {what}</translation>
    </message>
    <message>
        <source>Sync failed: {error}</source>
        <translation>Sinhronizacija ni uspela: {error}</translation>
    </message>
    <message>
        <source>mkdesk is already running for this profile ({path}); its window was brought to the front.</source>
        <translation>mkdesk že teče s tem profilom ({path}); njegovo okno je prikazano v ospredju.</translation>
    </message>
    <message>
        <source>mkdesk cannot open this profile ({path}): another mkdesk holds it and does not answer.</source>
        <translation>mkdesk ne more odpreti tega profila ({path}): uporablja ga drug mkdesk, ki se ne odziva.</translation>
    </message>
</context>
<context>
    <name>QuickSearch</name>
    <message>
        <source>Quick search</source>
        <translation>Hitro iskanje</translation>
    </message>
    <message>
        <source>Find a partner, product or document…</source>
        <translation>Poiščite partnerja, izdelek ali dokument …</translation>
    </message>
    <message>
        <source>↑↓ to choose · Enter to open · Esc to close</source>
        <translation>↑↓ za izbiro · Enter za odpiranje · Esc za zapiranje</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partnerji</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Izdelki</translation>
    </message>
    <message>
        <source>free {n}</source>
        <translation>prosto {n}</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumenti</translation>
    </message>
    <message>
        <source>Nothing found for “{text}”.</source>
        <translation>Za »{text}« ni zadetkov.</translation>
    </message>
</context>
<context>
    <name>RevenueChart</name>
    <message>
        <source>No invoiced revenue in this period</source>
        <translation>V tem obdobju ni fakturiranega prometa</translation>
    </message>
    <message>
        <source>max {amount}</source>
        <translation>največ {amount}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>mkdesk settings</source>
        <translation>Nastavitve mkdesk</translation>
    </message>
    <message>
        <source>Metakocka connection</source>
        <translation>Povezava z Metakocko</translation>
    </message>
    <message>
        <source>e.g. 4711</source>
        <translation>npr. 4711</translation>
    </message>
    <message>
        <source>Company id:</source>
        <translation>ID podjetja:</translation>
    </message>
    <message>
        <source>Production (main.metakocka.si)</source>
        <translation>Produkcija (main.metakocka.si)</translation>
    </message>
    <message>
        <source>Test (devmainsi.metakocka.si)</source>
        <translation>Testno okolje (devmainsi.metakocka.si)</translation>
    </message>
    <message>
        <source>Other address…</source>
        <translation>Drug naslov …</translation>
    </message>
    <message>
        <source>API endpoint:</source>
        <translation>Naslov API:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Naslov:</translation>
    </message>
    <message>
        <source>Secret key:</source>
        <translation>Skrivni ključ:</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Preizkusi povezavo</translation>
    </message>
    <message>
        <source>Background sync</source>
        <translation>Sinhronizacija v ozadju</translation>
    </message>
    <message>
        <source>Sync automatically in the background</source>
        <translation>Samodejno sinhroniziraj v ozadju</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Zaloga</translation>
    </message>
    <message>
        <source>Sales orders</source>
        <translation>Prodajna naročila</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Računi</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Ponudbe</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Izdelki</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>Skladišča</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partnerji</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>{entity} every</source>
        <translation>{entity} vsakih</translation>
    </message>
    <message>
        <source>Data is stale after</source>
        <translation>Podatki so zastareli po</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Jezik</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Sistemski jezik</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>Jezik vmesnika:</translation>
    </message>
    <message>
        <source>A new language applies the next time mkdesk starts.</source>
        <translation>Nov jezik bo uporabljen ob naslednjem zagonu programa mkdesk.</translation>
    </message>
    <message>
        <source>Saved — leave empty to keep it</source>
        <translation>Shranjen — pustite prazno, da ostane</translation>
    </message>
    <message>
        <source>The secret key is stored in this computer&apos;s keychain.</source>
        <translation>Skrivni ključ je shranjen v shrambi ključev tega računalnika.</translation>
    </message>
    <message>
        <source>No keychain is available on this computer, so the secret key is kept only until mkdesk closes. It is never written to disk; you will be asked for it again next time.</source>
        <translation>Na tem računalniku ni shrambe ključev, zato je skrivni ključ shranjen le, dokler je mkdesk odprt. Nikoli se ne zapiše na disk; ob naslednjem zagonu ga boste morali vnesti znova.</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://, e.g. https://main.metakocka.si.</source>
        <translation>Naslov se mora začeti s http:// ali https://, npr. https://main.metakocka.si.</translation>
    </message>
    <message>
        <source>Enter the company id and the secret key first.</source>
        <translation>Najprej vnesite ID podjetja in skrivni ključ.</translation>
    </message>
    <message>
        <source>Connecting to {url}…</source>
        <translation>Povezovanje z {url} …</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n warehouse(s).</source>
        <translation>
            <numerusform>Povezano: %n skladišče.</numerusform>
            <numerusform>Povezano: %n skladišči.</numerusform>
            <numerusform>Povezano: %n skladišča.</numerusform>
            <numerusform>Povezano: %n skladišč.</numerusform>
        </translation>
    </message>
    <message>
        <source>Metakocka does not accept calls from this computer&apos;s IP address for this company.</source>
        <translation>Metakocka za to podjetje ne sprejema klicev z naslova IP tega računalnika.</translation>
    </message>
    <message>
        <source>Metakocka rejected the company id or the secret key. Check both and try again.</source>
        <translation>Metakocka je zavrnila ID podjetja ali skrivni ključ. Preverite oba in poskusite znova.</translation>
    </message>
    <message>
        <source>The address answers with a web page, not the Metakocka API. Check the API address.</source>
        <translation>Na tem naslovu je spletna stran, ne API Metakocke. Preverite naslov API.</translation>
    </message>
    <message>
        <source>Cannot reach the server: the network is down or the address is wrong.</source>
        <translation>Strežnik ni dosegljiv: omrežje ne deluje ali pa je naslov napačen.</translation>
    </message>
    <message>
        <source>Metakocka is limiting requests right now (quota). Try again in a minute.</source>
        <translation>Metakocka trenutno omejuje število zahtev (kvota). Poskusite znova čez minuto.</translation>
    </message>
    <message>
        <source>Metakocka is unavailable (maintenance or a server error). Try again in a few minutes.</source>
        <translation>Metakocka ni na voljo (vzdrževanje ali napaka strežnika). Poskusite znova čez nekaj minut.</translation>
    </message>
    <message>
        <source>The server sent an answer that is not the Metakocka API. Check the API address.</source>
        <translation>Strežnik je poslal odgovor, ki ni odgovor API-ja Metakocke. Preverite naslov API.</translation>
    </message>
    <message>
        <source>The connection test failed ({kind}).</source>
        <translation>Preizkus povezave ni uspel ({kind}).</translation>
    </message>
    <message>
        <source>Enter the company id.</source>
        <translation>Vnesite ID podjetja.</translation>
    </message>
    <message>
        <source>Enter the secret key.</source>
        <translation>Vnesite skrivni ključ.</translation>
    </message>
    <message>
        <source>The settings could not be saved: {error}</source>
        <translation>Nastavitev ni bilo mogoče shraniti: {error}</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Preparing the demo company…</source>
        <translation>Pripravljanje demo podjetja …</translation>
    </message>
    <message>
        <source>Demo company synced (emulated Metakocka, no network).</source>
        <translation>Demo podjetje je sinhronizirano (posnemana Metakocka, brez omrežja).</translation>
    </message>
    <message>
        <source>Sync finished with problems: {what}</source>
        <translation>Sinhronizacija je končana s težavami: {what}</translation>
    </message>
    <message>
        <source>The demo company could not be opened: {error}</source>
        <translation>Demo podjetja ni bilo mogoče odpreti: {error}</translation>
    </message>
    <message>
        <source>Sync cancelled.</source>
        <translation>Sinhronizacija je preklicana.</translation>
    </message>
</context>
</TS>
