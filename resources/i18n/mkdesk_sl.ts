<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sl_SI">
<context>
    <name></name>
    <message>
        <source>never</source>
        <extracomment>Slovenian months after a day number are in the genitive (&quot;2. marca 2026&quot;); Qt&apos;s catalogue (CLDR) gives the nominative (&quot;2. marec 2026&quot;) in every long date</extracomment>
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
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>pred %n dnevom</numerusform>
            <numerusform>pred %n dnevoma</numerusform>
            <numerusform>pred %n dnevi</numerusform>
            <numerusform>pred %n dnevi</numerusform>
        </translation>
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
    <message>
        <source>The keychain could not be read (is it locked?), so this mail account&apos;s password is not available. Unlock the keychain and try again.</source>
        <translation>Shrambe ključev ni bilo mogoče prebrati (je zaklenjena?), zato geslo tega poštnega računa ni na voljo. Odklenite shrambo ključev in poskusite znova.</translation>
    </message>
    <message>
        <source>No password is stored for this mail account. Open the account settings and enter it.</source>
        <translation>Za ta poštni račun ni shranjenega gesla. Odprite nastavitve poštnega računa in ga vnesite.</translation>
    </message>
    <message>
        <source>The mail server rejected the user name or password. Check both and try again.</source>
        <translation>Poštni strežnik je zavrnil uporabniško ime ali geslo. Preverite oboje in poskusite znova.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted, so mkdesk did not send the password. If your provider uses its own certificate, ask them how to trust it.</source>
        <translation>Potrdilo strežnika ni zaupanja vredno, zato mkdesk gesla ni poslal. Če vaš ponudnik uporablja lastno potrdilo, ga vprašajte, kako mu zaupati.</translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS. Choose TLS (usually port 993).</source>
        <translation>Strežnik ne podpira STARTTLS. Izberite TLS (običajno vrata 993).</translation>
    </message>
    <message>
        <source>The server did not start a TLS connection. Check the port and the security (TLS is usually port 993, STARTTLS port 143).</source>
        <translation>Strežnik ni vzpostavil povezave TLS. Preverite vrata in varnost (TLS običajno uporablja vrata 993, STARTTLS vrata 143).</translation>
    </message>
    <message>
        <source>The server accepts the password only over an encrypted connection. Choose TLS or STARTTLS.</source>
        <translation>Strežnik sprejme geslo le prek šifrirane povezave. Izberite TLS ali STARTTLS.</translation>
    </message>
    <message>
        <source>The encrypted connection to the server could not be set up.</source>
        <translation>Šifrirane povezave s strežnikom ni bilo mogoče vzpostaviti.</translation>
    </message>
    <message>
        <source>The server refused the connection. Check the server address and the port.</source>
        <translation>Strežnik je zavrnil povezavo. Preverite naslov strežnika in vrata.</translation>
    </message>
    <message>
        <source>The server name is unknown. Check the server address and that you are online.</source>
        <translation>Ime strežnika ni znano. Preverite naslov strežnika in ali ste povezani z internetom.</translation>
    </message>
    <message>
        <source>The server did not answer. Check the address, the port and the security setting.</source>
        <translation>Strežnik se ni odzval. Preverite naslov, vrata in nastavitev varnosti.</translation>
    </message>
    <message>
        <source>The server at this address and port is not an IMAP mail server.</source>
        <translation>Strežnik na tem naslovu in vratih ni poštni strežnik IMAP.</translation>
    </message>
    <message>
        <source>The mail server is temporarily unavailable. Try again in a few minutes.</source>
        <translation>Poštni strežnik začasno ni na voljo. Poskusite znova čez nekaj minut.</translation>
    </message>
    <message>
        <source>Cannot reach the mail server: the network is down or the address is wrong.</source>
        <translation>Poštni strežnik ni dosegljiv: omrežje ne deluje ali pa je naslov napačen.</translation>
    </message>
    <message>
        <source>The connection to the mail server was lost. Try again.</source>
        <translation>Povezava s poštnim strežnikom je bila prekinjena. Poskusite znova.</translation>
    </message>
    <message>
        <source>The mail server stopped answering. Try again later.</source>
        <translation>Poštni strežnik se ne odziva več. Poskusite znova pozneje.</translation>
    </message>
    <message>
        <source>The connection to the mail server failed ({kind}).</source>
        <translation>Povezava s poštnim strežnikom ni uspela ({kind}).</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln message(s), {d} already there.</source>
        <translation>
            <numerusform>Uvoženo %Ln sporočilo, že obstoječih: {d}.</numerusform>
            <numerusform>Uvoženi %Ln sporočili, že obstoječih: {d}.</numerusform>
            <numerusform>Uvožena %Ln sporočila, že obstoječih: {d}.</numerusform>
            <numerusform>Uvoženih %Ln sporočil, že obstoječih: {d}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not import:</source>
        <translation>Ni bilo mogoče uvoziti:</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… in še {n}</translation>
    </message>
    <message>
        <source>Import mail</source>
        <translation>Uvoz pošte</translation>
    </message>
    <message>
        <source>Mail files (*.eml *.mbox *.mbx);;All files (*)</source>
        <translation>Poštne datoteke (*.eml *.mbox *.mbx);;Vse datoteke (*)</translation>
    </message>
    <message>
        <source>Import a Maildir folder</source>
        <translation>Uvoz mape Maildir</translation>
    </message>
    <message>
        <source>Importing mail…</source>
        <translation>Uvažanje pošte …</translation>
    </message>
    <message>
        <source>Mail import</source>
        <translation>Uvoz pošte</translation>
    </message>
    <message>
        <source>The mail could not be imported: {error}</source>
        <translation>Pošte ni bilo mogoče uvoziti: {error}</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Pošiljatelj</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Zadeva</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(brez zadeve)</translation>
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
        <source>Has attachments</source>
        <translation>Ima priloge</translation>
    </message>
    <message>
        <source>Not matched to a partner yet: open the message to see candidates.</source>
        <translation>Še ni povezano s partnerjem: odprite sporočilo za prikaz možnih partnerjev.</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>povezano</translation>
    </message>
    <message>
        <source>chosen for this address</source>
        <translation>izbrano za ta naslov</translation>
    </message>
    <message>
        <source>a contact person&apos;s email</source>
        <translation>e-pošta kontaktne osebe</translation>
    </message>
    <message>
        <source>the partner&apos;s email</source>
        <translation>e-pošta partnerja</translation>
    </message>
    <message>
        <source>{partner} ({how})</source>
        <translation>{partner} ({how})</translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n priloga</numerusform>
            <numerusform>%n prilogi</numerusform>
            <numerusform>%n priloge</numerusform>
            <numerusform>%n prilog</numerusform>
        </translation>
    </message>
    <message>
        <source>Open link?</source>
        <translation>Odprem povezavo?</translation>
    </message>
    <message>
        <source>This link leads outside mkdesk:

{url}

Open it in your browser?</source>
        <translation>Ta povezava vodi zunaj programa mkdesk:

{url}

Jo želite odpreti v brskalniku?</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Shrani prilogo</translation>
    </message>
    <message>
        <source>Partners</source>
        <extracomment>the entities in the order a rep thinks of them (the engine&apos;s names)</extracomment>
        <translation>Partnerji</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Izdelki</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Zaloga</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>Skladišča</translation>
    </message>
    <message>
        <source>No sync has run yet.</source>
        <translation>Sinhronizacija se še ni izvedla.</translation>
    </message>
    <message>
        <source>Syncing with Metakocka</source>
        <translation>Sinhronizacija z Metakocko</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>Sinhronizacija je končana</translation>
    </message>
    <message>
        <source>Sync finished with problems</source>
        <translation>Sinhronizacija je končana s težavami</translation>
    </message>
    <message>
        <source>Sync failed: {error}</source>
        <translation>Sinhronizacija ni uspela: {error}</translation>
    </message>
    <message>
        <source>Sync cancelled</source>
        <translation>Sinhronizacija je preklicana</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Čaka</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sinhronizacija …</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Končano</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Ni uspelo</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Preklicano</translation>
    </message>
    <message>
        <source>Not run</source>
        <translation>Ni izvedeno</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Mail account</source>
        <translation>Poštni račun</translation>
    </message>
    <message>
        <source>Mail account: {name}</source>
        <translation>Poštni račun: {name}</translation>
    </message>
    <message>
        <source>e.g. Work</source>
        <translation>npr. Služba</translation>
    </message>
    <message>
        <source>Account name:</source>
        <translation>Ime poštnega računa:</translation>
    </message>
    <message>
        <source>e.g. imap.example.com</source>
        <translation>npr. imap.example.com</translation>
    </message>
    <message>
        <source>IMAP server:</source>
        <translation>Strežnik IMAP:</translation>
    </message>
    <message>
        <source>TLS (recommended)</source>
        <translation>TLS (priporočeno)</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (unencrypted)</source>
        <translation>Brez (nešifrirano)</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>Varnost:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Vrata:</translation>
    </message>
    <message>
        <source>often your email address</source>
        <translation>pogosto vaš e-poštni naslov</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Uporabniško ime:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Geslo:</translation>
    </message>
    <message>
        <source>e.g. ana@example.com</source>
        <translation>npr. ana@example.com</translation>
    </message>
    <message>
        <source>Your email address:</source>
        <translation>Vaš e-poštni naslov:</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>Datoteka CA:</translation>
    </message>
    <message>
        <source>Folders to sync:</source>
        <translation>Mape za sinhronizacijo:</translation>
    </message>
    <message>
        <source>Without encryption the password and your mail cross the network readable by anyone on the way. Choose it only for a server on this computer or a network you trust.</source>
        <translation>Brez šifriranja potujeta geslo in vaša pošta po omrežju tako, da ju lahko prebere vsak na poti. To izberite le za strežnik na tem računalniku ali v omrežju, ki mu zaupate.</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Preizkusi povezavo</translation>
    </message>
    <message>
        <source>Checking the keychain…</source>
        <translation>Preverjam shrambo ključev …</translation>
    </message>
    <message>
        <source>Saved — leave empty to keep it</source>
        <translation>Shranjeno — pustite prazno, da ostane</translation>
    </message>
    <message>
        <source>The password is stored in this computer&apos;s keychain.</source>
        <translation>Geslo je shranjeno v shrambi ključev tega računalnika.</translation>
    </message>
    <message>
        <source>No keychain is available on this computer, so the password is kept only until mkdesk closes. It is never written to disk; you will be asked for it again next time.</source>
        <translation>Na tem računalniku ni shrambe ključev, zato je geslo shranjeno le, dokler je mkdesk odprt. Nikoli se ne zapiše na disk; ob naslednjem zagonu ga boste morali vnesti znova.</translation>
    </message>
    <message>
        <source>The keychain could not be read, so mkdesk cannot tell whether a password is saved. You can still type the password and save it.</source>
        <translation>Shrambe ključev ni bilo mogoče prebrati, zato mkdesk ne ve, ali je geslo shranjeno. Geslo lahko vseeno vnesete in ga shranite.</translation>
    </message>
    <message>
        <source>Enter the IMAP server&apos;s address (e.g. imap.example.com).</source>
        <translation>Vnesite naslov strežnika IMAP (npr. imap.example.com).</translation>
    </message>
    <message>
        <source>Enter the user name for the mail server (often your email address).</source>
        <translation>Vnesite uporabniško ime za poštni strežnik (pogosto je to vaš e-poštni naslov).</translation>
    </message>
    <message>
        <source>The CA file “{path}” does not exist.</source>
        <translation>Datoteka CA »{path}« ne obstaja.</translation>
    </message>
    <message>
        <source>“{path}” is a folder, not a CA file.</source>
        <translation>»{path}« je mapa, ne datoteka CA.</translation>
    </message>
    <message>
        <source>The CA file “{path}” cannot be read.</source>
        <translation>Datoteke CA »{path}« ni mogoče prebrati.</translation>
    </message>
    <message>
        <source>The CA file “{path}” is not a PEM bundle of certificates (a text file with -----BEGIN CERTIFICATE----- blocks).</source>
        <translation>Datoteka CA »{path}« ni zbirka potrdil PEM (besedilna datoteka z bloki -----BEGIN CERTIFICATE-----).</translation>
    </message>
    <message>
        <source>“{name}” is not a folder name the server can have; choose the folders from the server&apos;s list.</source>
        <translation>»{name}« ni ime mape, ki bi ga strežnik lahko imel; mape izberite s strežnikovega seznama.</translation>
    </message>
    <message>
        <source>“{host}” is not a server address: use a name like imap.example.com.</source>
        <translation>»{host}« ni naslov strežnika: vnesite ime, kot je imap.example.com.</translation>
    </message>
    <message>
        <source>“{address}” is not an email address.</source>
        <translation>»{address}« ni e-poštni naslov.</translation>
    </message>
    <message>
        <source>There is already a mail account named “{name}”; choose another name.</source>
        <translation>Poštni račun z imenom »{name}« že obstaja; izberite drugo ime.</translation>
    </message>
    <message>
        <source>Enter the password first.</source>
        <translation>Najprej vnesite geslo.</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>Povezovanje s strežnikom {server} …</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n folder(s).</source>
        <translation>
            <numerusform>Povezano: %n mapa.</numerusform>
            <numerusform>Povezano: %n mapi.</numerusform>
            <numerusform>Povezano: %n mape.</numerusform>
            <numerusform>Povezano: %n map.</numerusform>
        </translation>
    </message>
    <message>
        <source>The keychain could not be read, so the saved password cannot be used. Type the password and try again.</source>
        <translation>Shrambe ključev ni bilo mogoče prebrati, zato shranjenega gesla ni mogoče uporabiti. Vnesite geslo in poskusite znova.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Vnesite geslo.</translation>
    </message>
    <message>
        <source>The keychain did not store the password, so the account was not saved. Unlock the keychain (or check that it is running) and press Save again.</source>
        <translation>Shramba ključev gesla ni shranila, zato račun ni bil shranjen. Odklenite shrambo ključev (ali preverite, da deluje) in znova pritisnite Shrani.</translation>
    </message>
    <message>
        <source>The keychain could not be read, so the saved password cannot be kept. Type the password and press Save again.</source>
        <translation>Shrambe ključev ni bilo mogoče prebrati, zato shranjenega gesla ni mogoče obdržati. Vnesite geslo in znova pritisnite Shrani.</translation>
    </message>
    <message>
        <source>The account could not be saved ({kind}).</source>
        <translation>Poštnega računa ni bilo mogoče shraniti ({kind}).</translation>
    </message>
</context>
<context>
    <name>AccountFields</name>
    <message>
        <source>Choose a CA file</source>
        <translation>Izberite datoteko CA</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Potrdila (*.pem *.crt *.cer);;Vse datoteke (*)</translation>
    </message>
    <message>
        <source>mkdesk syncs the checked folders (none checked: INBOX). Test connection lists the server&apos;s folders. A folder you uncheck stops syncing; the mail already fetched from it stays on this computer.</source>
        <translation>mkdesk sinhronizira označene mape (če ni označena nobena: INBOX). Preizkus povezave prikaže mape na strežniku. Mapa, ki ji odstranite oznako, se ne sinhronizira več; pošta, ki je že prenesena iz nje, ostane na tem računalniku.</translation>
    </message>
    <message>
        <source>{name} (not on the server)</source>
        <translation>{name} (ni na strežniku)</translation>
    </message>
    <message>
        <source>System certificates</source>
        <translation>Sistemska potrdila</translation>
    </message>
    <message>
        <source>A PEM file with the certificate of your provider&apos;s own certificate authority, if the server&apos;s certificate is not trusted otherwise.</source>
        <translation>Datoteka PEM s potrdilom overitelja vašega ponudnika, če potrdilu strežnika sicer ni mogoče zaupati.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Izberi …</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Počisti</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Mail accounts</source>
        <translation>Poštni računi</translation>
    </message>
    <message>
        <source>No mail account yet. Add one to see your mail beside Metakocka.</source>
        <translation>Poštnega računa še ni. Dodajte ga, da boste videli pošto ob Metakocki.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Dodaj …</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Uredi …</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Odstrani …</translation>
    </message>
    <message>
        <source>{name} — {user} at {server}</source>
        <translation>{name} — {user} na {server}</translation>
    </message>
    <message>
        <source>The mail accounts could not be read: {error}</source>
        <translation>Poštnih računov ni bilo mogoče prebrati: {error}</translation>
    </message>
    <message>
        <source>Remove mail account</source>
        <translation>Odstrani poštni račun</translation>
    </message>
    <message>
        <source>Remove the mail account “{name}”? Its mail is removed from this computer and its password from the keychain. The mail on the server stays.</source>
        <translation>Odstranim poštni račun »{name}«? Njegova pošta se odstrani s tega računalnika, geslo pa iz shrambe ključev. Pošta na strežniku ostane.</translation>
    </message>
    <message>
        <source>Removing “{name}”…</source>
        <translation>Odstranjujem »{name}« …</translation>
    </message>
    <message>
        <source>“{name}” was removed.</source>
        <translation>»{name}« je odstranjen.</translation>
    </message>
    <message>
        <source>“{name}” could not be removed: {error}</source>
        <translation>»{name}« ni bilo mogoče odstraniti: {error}</translation>
    </message>
</context>
<context>
    <name>BrowseTab</name>
    <message>
        <source>Search…</source>
        <translation>Iskanje …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln vrstica</numerusform>
            <numerusform>%Ln vrstici</numerusform>
            <numerusform>%Ln vrstice</numerusform>
            <numerusform>%Ln vrstic</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>%Ln partner(s)</source>
        <translation>
            <numerusform>%Ln partner</numerusform>
            <numerusform>%Ln partnerja</numerusform>
            <numerusform>%Ln partnerji</numerusform>
            <numerusform>%Ln partnerjev</numerusform>
        </translation>
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
    <name>ContextHtml</name>
    <message>
        <source>Nothing in this mail matches the Metakocka data on this computer: no partner, document or product.</source>
        <translation>Nič v tem sporočilu se ne ujema s podatki iz Metakocke na tem računalniku: ni partnerja, dokumenta ali izdelka.</translation>
    </message>
    <message numerus="yes">
        <source>No order in 90 days (last one %n day(s) ago).</source>
        <translation>
            <numerusform>Brez naročila v 90 dneh (zadnje pred %n dnevom).</numerusform>
            <numerusform>Brez naročila v 90 dneh (zadnje pred %n dnevoma).</numerusform>
            <numerusform>Brez naročila v 90 dneh (zadnje pred %n dnevi).</numerusform>
            <numerusform>Brez naročila v 90 dneh (zadnje pred %n dnevi).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue invoice(s): {amount}</source>
        <translation>
            <numerusform>%n zapadel račun: {amount}</numerusform>
            <numerusform>%n zapadla računa: {amount}</numerusform>
            <numerusform>%n zapadli računi: {amount}</numerusform>
            <numerusform>%n zapadlih računov: {amount}</numerusform>
        </translation>
    </message>
    <message>
        <source>Forwarded mail: matched on the original sender {address}.</source>
        <translation>Posredovano sporočilo: prepoznano po prvotnem pošiljatelju {address}.</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nova stranka</translation>
    </message>
    <message>
        <source>First-time customer</source>
        <translation>Stranka s prvim nakupom</translation>
    </message>
    <message>
        <source>Regular customer</source>
        <translation>Redna stranka</translation>
    </message>
    <message>
        <source>Loyal customer</source>
        <translation>Zvesta stranka</translation>
    </message>
    <message>
        <source>Fetch this partner, its documents and unpaid bills from Metakocka now</source>
        <translation>Takoj prenesi tega partnerja, njegove dokumente in neplačane račune iz Metakocke</translation>
    </message>
    <message>
        <source>Tax number {number}</source>
        <translation>Davčna številka {number}</translation>
    </message>
    <message>
        <source>open {open}, overdue {overdue}</source>
        <translation>odprto {open}, zapadlo {overdue}</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) late</source>
        <translation>
            <numerusform>%n dan zamude</numerusform>
            <numerusform>%n dneva zamude</numerusform>
            <numerusform>%n dni zamude</numerusform>
            <numerusform>%n dni zamude</numerusform>
        </translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>zapade {date}</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Račun</translation>
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
        <source>Open</source>
        <translation>Odprto</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Naročilo</translation>
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
        <source>Offer</source>
        <translation>Ponudba</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>Velja do</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Številka</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Vrsta</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Izdelek</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Želeno</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Prosto</translation>
    </message>
    <message>
        <source>Per warehouse</source>
        <translation>Po skladiščih</translation>
    </message>
    <message>
        <source>Not in the cache: {numbers}</source>
        <translation>Ni v lokalni kopiji: {numbers}</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Količina</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Zadnjič</translation>
    </message>
    <message>
        <source>Some of this was never synced.</source>
        <translation>Del teh podatkov ni bil nikoli sinhroniziran.</translation>
    </message>
    <message>
        <source>Metakocka data synced {ago}.</source>
        <translation>Podatki iz Metakocke sinhronizirani {ago}.</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(brez zadeve)</translation>
    </message>
    <message>
        <source>Email history ({n})</source>
        <translation>Zgodovina e-pošte ({n})</translation>
    </message>
    <message>
        <source>Refresh from Metakocka</source>
        <translation>Osveži iz Metakocke</translation>
    </message>
    <message>
        <source>Not about this</source>
        <translation>Sporočilo ne govori o tem</translation>
    </message>
    <message>
        <source>Not this partner</source>
        <translation>Ni ta partner</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Računi</translation>
    </message>
    <message>
        <source>Nothing unpaid.</source>
        <translation>Nič neplačanega.</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Jih ni.</translation>
    </message>
    <message>
        <source>Bought in the last 12 months</source>
        <translation>Kupljeno v zadnjih 12 mesecih</translation>
    </message>
    <message>
        <source>Unpaid invoices</source>
        <translation>Neplačani računi</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>Odprta naročila</translation>
    </message>
    <message>
        <source>Mentioned in the mail</source>
        <translation>Omenjeno v sporočilu</translation>
    </message>
    <message>
        <source>Stock of the products in the mail</source>
        <translation>Zaloga izdelkov iz sporočila</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… in še {n}</translation>
    </message>
    <message>
        <source>Pending offers</source>
        <translation>Odprte ponudbe</translation>
    </message>
</context>
<context>
    <name>ContextPane</name>
    <message>
        <source>This is the partner</source>
        <translation>To je ta partner</translation>
    </message>
    <message>
        <source>Sender is:</source>
        <translation>Pošiljatelj je:</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Podatki iz Metakocke</translation>
    </message>
    <message>
        <source>The sender’s Metakocka context appears here.</source>
        <translation>Tu se prikažejo podatki o pošiljatelju iz Metakocke.</translation>
    </message>
    <message>
        <source>Could not build the context: {error}</source>
        <translation>Podatkov o pošiljatelju ni bilo mogoče pripraviti: {error}</translation>
    </message>
    <message>
        <source>Could not save the choice: {error}</source>
        <translation>Izbire ni bilo mogoče shraniti: {error}</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Izberi</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Spremeni</translation>
    </message>
    <message>
        <source>Why: {reason} ({sure} % sure)</source>
        <translation>Zakaj: {reason} (gotovost {sure} %)</translation>
    </message>
    <message>
        <source>Which partner is this?</source>
        <translation>Kateri partner je to?</translation>
    </message>
    <message numerus="yes">
        <source>%n partner(s) fit {address}: choose one, mkdesk remembers it.</source>
        <translation>
            <numerusform>Naslovu {address} ustreza %n partner: izberite ga, mkdesk si bo izbiro zapomnil.</numerusform>
            <numerusform>Naslovu {address} ustrezata %n partnerja: izberite enega, mkdesk si bo izbiro zapomnil.</numerusform>
            <numerusform>Naslovu {address} ustrezajo %n partnerji: izberite enega, mkdesk si bo izbiro zapomnil.</numerusform>
            <numerusform>Naslovu {address} ustreza %n partnerjev: izberite enega, mkdesk si bo izbiro zapomnil.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown sender</source>
        <translation>Neznan pošiljatelj</translation>
    </message>
    <message>
        <source>{address} is not a contact of any partner in the cache.</source>
        <translation>{address} ni kontakt nobenega partnerja v lokalni kopiji.</translation>
    </message>
    <message>
        <source>The sender</source>
        <translation>Pošiljatelj</translation>
    </message>
    <message>
        <source>Could not unlink: {error}</source>
        <translation>Povezave ni bilo mogoče odstraniti: {error}</translation>
    </message>
    <message>
        <source>Connect to Metakocka first (Settings: company id and secret key).</source>
        <translation>Najprej se povežite z Metakocko (Nastavitve: ID podjetja in skrivni ključ).</translation>
    </message>
    <message>
        <source>Refreshing {name} from Metakocka…</source>
        <translation>Osveževanje partnerja {name} iz Metakocke …</translation>
    </message>
    <message>
        <source>Metakocka no longer has this partner; the next sync removes it here.</source>
        <translation>Tega partnerja v Metakocki ni več; naslednja sinhronizacija ga odstrani tudi tu.</translation>
    </message>
    <message numerus="yes">
        <source>Refreshed from Metakocka: %n document(s) checked.</source>
        <translation>
            <numerusform>Osveženo iz Metakocke: preverjen %n dokument.</numerusform>
            <numerusform>Osveženo iz Metakocke: preverjena %n dokumenta.</numerusform>
            <numerusform>Osveženo iz Metakocke: preverjeni %n dokumenti.</numerusform>
            <numerusform>Osveženo iz Metakocke: preverjenih %n dokumentov.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not refresh from Metakocka: {error}</source>
        <translation>Osvežitev iz Metakocke ni uspela: {error}</translation>
    </message>
    <message>
        <source>Looking up the sender in Metakocka…</source>
        <translation>Iskanje pošiljatelja v Metakocki …</translation>
    </message>
    <message>
        <source>Found in Metakocka.</source>
        <translation>Najden v Metakocki.</translation>
    </message>
    <message>
        <source>Metakocka has no partner with {address} either.</source>
        <translation>Tudi v Metakocki ni partnerja z naslovom {address}.</translation>
    </message>
    <message>
        <source>Could not look the sender up in Metakocka: {error}</source>
        <translation>Pošiljatelja ni bilo mogoče poiskati v Metakocki: {error}</translation>
    </message>
</context>
<context>
    <name>ContextReason</name>
    <message>
        <source>You linked this message to {partner}.</source>
        <extracomment>the same texts as `mkdesk.core.context.reasons.TEMPLATES` (a test keeps them equal), here for lupdate</extracomment>
        <translation>To sporočilo ste povezali s partnerjem {partner}.</translation>
    </message>
    <message>
        <source>You chose {partner} for {address}.</source>
        <translation>Za naslov {address} ste izbrali partnerja {partner}.</translation>
    </message>
    <message>
        <source>You chose {partner} for {address} on {day}.</source>
        <translation>Za naslov {address} ste dne {day} izbrali partnerja {partner}.</translation>
    </message>
    <message>
        <source>The sender&apos;s address is the email of {contact}, a contact person of {partner}.</source>
        <translation>Naslov pošiljatelja je e-pošta kontaktne osebe {contact} partnerja {partner}.</translation>
    </message>
    <message>
        <source>The sender&apos;s address is the email of {contact}, a contact person of {partner} (and of {others} other partner(s)).</source>
        <translation>Naslov pošiljatelja je e-pošta kontaktne osebe {contact} partnerja {partner} (in drugih partnerjev: {others}).</translation>
    </message>
    <message>
        <source>The sender&apos;s address is the email of {partner} in Metakocka.</source>
        <translation>Naslov pošiljatelja je v Metakocki e-pošta partnerja {partner}.</translation>
    </message>
    <message>
        <source>The sender&apos;s address is the email of {partner} in Metakocka (and of {others} other partner(s)).</source>
        <translation>Naslov pošiljatelja je v Metakocki e-pošta partnerja {partner} (in drugih partnerjev: {others}).</translation>
    </message>
    <message>
        <source>You wrote to {contact}, a contact person of {partner}.</source>
        <translation>Pisali ste kontaktni osebi {contact} partnerja {partner}.</translation>
    </message>
    <message>
        <source>You wrote to {contact}, a contact person of {partner} (and of {others} other partner(s)).</source>
        <translation>Pisali ste kontaktni osebi {contact} partnerja {partner} (in drugih partnerjev: {others}).</translation>
    </message>
    <message>
        <source>You wrote to the email of {partner} in Metakocka.</source>
        <translation>Pisali ste na e-pošto partnerja {partner} iz Metakocke.</translation>
    </message>
    <message>
        <source>You wrote to the email of {partner} in Metakocka (and of {others} other partner(s)).</source>
        <translation>Pisali ste na e-pošto partnerja {partner} iz Metakocke (in drugih partnerjev: {others}).</translation>
    </message>
    <message>
        <source>You wrote to {domain}, the domain of {partner}&apos;s contact {example}.</source>
        <translation>Pisali ste na domeno {domain}, domeno kontakta {example} partnerja {partner}.</translation>
    </message>
    <message>
        <source>You wrote to {domain}, a domain {count} partners share (e.g. {example} at {partner}); pick the right one.</source>
        <translation>Pisali ste na domeno {domain}, ki si jo deli več partnerjev ({count}, npr. {example} pri partnerju {partner}); izberite pravega.</translation>
    </message>
    <message>
        <source>Metakocka knows {address} as the email of {partner} (looked up online).</source>
        <translation>Metakocka pozna {address} kot e-pošto partnerja {partner} (poiskano na spletu).</translation>
    </message>
    <message>
        <source>Metakocka knows {address} as the email of {contact} at {partner} (looked up online).</source>
        <translation>Metakocka pozna {address} kot e-pošto osebe {contact} pri partnerju {partner} (poiskano na spletu).</translation>
    </message>
    <message>
        <source>The sender writes from {domain}, the domain of {partner}&apos;s contact {example}.</source>
        <translation>Pošiljatelj piše z domene {domain}, domene kontakta {example} partnerja {partner}.</translation>
    </message>
    <message>
        <source>The sender writes from {domain}, a domain {count} partners share (e.g. {example} at {partner}); pick the right one.</source>
        <translation>Pošiljatelj piše z domene {domain}, ki si jo deli več partnerjev ({count}, npr. {example} pri partnerju {partner}); izberite pravega.</translation>
    </message>
    <message>
        <source>The sender is not in Metakocka, but the mail mentions {numbers} of {partner}.</source>
        <translation>Pošiljatelja ni v Metakocki, vendar sporočilo omenja {numbers} partnerja {partner}.</translation>
    </message>
    <message>
        <source>{count} partners may be the sender; the mail mentions {numbers} of {partner}, so it is this one.</source>
        <translation>Pošiljatelj je lahko eden od več partnerjev ({count}); sporočilo omenja {numbers} partnerja {partner}, zato je to ta partner.</translation>
    </message>
    <message>
        <source>The mail mentions {kind} {number} of {partner}.</source>
        <translation>Sporočilo omenja {kind} {number} partnerja {partner}.</translation>
    </message>
    <message>
        <source>The quoted text mentions {kind} {number} of {partner}.</source>
        <translation>Citirano besedilo omenja {kind} {number} partnerja {partner}.</translation>
    </message>
    <message>
        <source>The mail mentions {kind} {number} of {partner}, not a document of the sender&apos;s partner.</source>
        <translation>Sporočilo omenja {kind} {number} partnerja {partner}, ki ni dokument partnerja pošiljatelja.</translation>
    </message>
    <message>
        <source>The mail mentions buyer order {text}, {kind} {number} of {partner}.</source>
        <translation>Sporočilo omenja naročilo kupca {text}, tj. {kind} {number} partnerja {partner}.</translation>
    </message>
    <message>
        <source>The quoted text mentions buyer order {text}, {kind} {number} of {partner}.</source>
        <translation>Citirano besedilo omenja naročilo kupca {text}, tj. {kind} {number} partnerja {partner}.</translation>
    </message>
    <message>
        <source>The mail mentions buyer order {text}, {kind} {number} of {partner}, not a document of the sender&apos;s partner.</source>
        <translation>Sporočilo omenja naročilo kupca {text}, tj. {kind} {number} partnerja {partner}, ki ni dokument partnerja pošiljatelja.</translation>
    </message>
    <message>
        <source>You linked {kind} {number} to this message.</source>
        <translation>S tem sporočilom ste povezali {kind} {number}.</translation>
    </message>
    <message>
        <source>You linked {product} to this message.</source>
        <translation>S tem sporočilom ste povezali izdelek {product}.</translation>
    </message>
    <message>
        <source>The mail mentions product code {code} ({product}).</source>
        <translation>Sporočilo omenja šifro izdelka {code} ({product}).</translation>
    </message>
    <message>
        <source>The mail mentions model {model} of {product}.</source>
        <translation>Sporočilo omenja model {model} izdelka {product}.</translation>
    </message>
    <message>
        <source>The mail names it: “{text}”.</source>
        <translation>Sporočilo ga navaja: »{text}«.</translation>
    </message>
    <message>
        <source>The mail names “{text}”, one of {count} such products.</source>
        <translation>Sporočilo navaja »{text}«, enega od izdelkov s tem imenom ({count}).</translation>
    </message>
    <message>
        <source>The mail names “{text}”, the only such product.</source>
        <translation>Sporočilo navaja »{text}«, edini tak izdelek.</translation>
    </message>
    <message>
        <source>No order or invoice in the cache yet.</source>
        <translation>V lokalni kopiji še ni naročila ali računa.</translation>
    </message>
    <message>
        <source>One purchase so far ({first}).</source>
        <translation>Doslej en nakup ({first}).</translation>
    </message>
    <message>
        <source>{total} purchases, {recent} of them in the last 12 months.</source>
        <translation>Vseh nakupov: {total}, od tega v zadnjih 12 mesecih: {recent}.</translation>
    </message>
    <message>
        <source>{recent} purchases in the last 12 months ({total} in all).</source>
        <translation>Nakupov v zadnjih 12 mesecih: {recent} (vseh: {total}).</translation>
    </message>
    <message>
        <source>No order in {days} days.</source>
        <translation>Brez naročila že {days} dni.</translation>
    </message>
    <message>
        <source>order</source>
        <extracomment>`{kind}` per document type (as `reasons.KIND_WORDS`), translated in the same context</extracomment>
        <translation>naročilo</translation>
    </message>
    <message>
        <source>offer</source>
        <translation>ponudbo</translation>
    </message>
    <message>
        <source>invoice</source>
        <translation>račun</translation>
    </message>
    <message>
        <source>credit note</source>
        <translation>dobropis</translation>
    </message>
    <message>
        <source>prepayment invoice</source>
        <translation>avansni račun</translation>
    </message>
    <message>
        <source>document</source>
        <translation>dokument</translation>
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
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln dokument</numerusform>
            <numerusform>%Ln dokumenta</numerusform>
            <numerusform>%Ln dokumenti</numerusform>
            <numerusform>%Ln dokumentov</numerusform>
        </translation>
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
    <name>ErrorTexts</name>
    <message>
        <source>Metakocka refused the request.</source>
        <extracomment>the same texts as `mkdesk.core.erp.errors.TEMPLATES` (a test keeps them equal), here for lupdate</extracomment>
        <translation>Metakocka je zavrnila zahtevo.</translation>
    </message>
    <message>
        <source>Metakocka refused the request: {text}</source>
        <translation>Metakocka je zavrnila zahtevo: {text}</translation>
    </message>
    <message>
        <source>Metakocka rejected the company id or secret key. Check them in Settings.</source>
        <translation>Metakocka je zavrnila ID podjetja ali skrivni ključ. Preverite ju v Nastavitvah.</translation>
    </message>
    <message>
        <source>Metakocka does not accept calls from this computer&apos;s IP address for this company.</source>
        <translation>Metakocka za to podjetje ne sprejema klicev z naslova IP tega računalnika.</translation>
    </message>
    <message>
        <source>Metakocka did not accept the request (a value is missing or not valid).</source>
        <translation>Metakocka zahteve ni sprejela (vrednost manjka ali ni veljavna).</translation>
    </message>
    <message>
        <source>Metakocka did not accept the request: {text}</source>
        <translation>Metakocka zahteve ni sprejela: {text}</translation>
    </message>
    <message>
        <source>Metakocka does not know this value (status, payment type, ...): {text}</source>
        <translation>Metakocka te vrednosti ne pozna (status, način plačila …): {text}</translation>
    </message>
    <message>
        <source>Metakocka cannot filter these documents that way.</source>
        <translation>Metakocka teh dokumentov ne more filtrirati na ta način.</translation>
    </message>
    <message>
        <source>Metakocka has no such record (it may have been deleted).</source>
        <translation>Metakocka tega zapisa nima (morda je bil izbrisan).</translation>
    </message>
    <message>
        <source>No matching partner in Metakocka.</source>
        <translation>V Metakocki ni ustreznega partnerja.</translation>
    </message>
    <message>
        <source>The document no longer exists in Metakocka (it may have been deleted).</source>
        <translation>Dokumenta v Metakocki ni več (morda je bil izbrisan).</translation>
    </message>
    <message>
        <source>The product no longer exists in Metakocka.</source>
        <translation>Izdelka v Metakocki ni več.</translation>
    </message>
    <message>
        <source>Metakocka refused the change because of a business rule.</source>
        <translation>Metakocka je spremembo zavrnila zaradi poslovnega pravila.</translation>
    </message>
    <message>
        <source>Metakocka refused the change: {text}</source>
        <translation>Metakocka je spremembo zavrnila: {text}</translation>
    </message>
    <message>
        <source>A document with this buyer order already exists in Metakocka.</source>
        <translation>Dokument s tem naročilom kupca v Metakocki že obstaja.</translation>
    </message>
    <message>
        <source>Product {code} is not in the Metakocka catalogue. Check the product code.</source>
        <translation>Izdelka {code} ni v katalogu Metakocke. Preverite šifro izdelka.</translation>
    </message>
    <message>
        <source>A product on the document is not in the Metakocka catalogue.</source>
        <translation>Izdelka z dokumenta ni v katalogu Metakocke.</translation>
    </message>
    <message>
        <source>Metakocka is limiting requests right now. mkdesk will try again a little later.</source>
        <translation>Metakocka trenutno omejuje zahteve. mkdesk bo poskusil znova malo pozneje.</translation>
    </message>
    <message>
        <source>Metakocka is unavailable (maintenance or a server error). Try again in a few minutes.</source>
        <translation>Metakocka ni na voljo (vzdrževanje ali napaka strežnika). Poskusite znova čez nekaj minut.</translation>
    </message>
    <message>
        <source>The endpoint answered with a web page, not the Metakocka API. Check the API address in Settings.</source>
        <translation>Naslov je odgovoril s spletno stranjo, ne z API-jem Metakocke. Preverite naslov API-ja v Nastavitvah.</translation>
    </message>
    <message>
        <source>Cannot reach Metakocka. Check the network connection.</source>
        <translation>Metakocka ni dosegljiva. Preverite omrežno povezavo.</translation>
    </message>
    <message>
        <source>Cannot reach Metakocka; the change was not sent. Check the network and try again.</source>
        <translation>Metakocka ni dosegljiva; sprememba ni bila poslana. Preverite omrežje in poskusite znova.</translation>
    </message>
    <message>
        <source>The connection broke before Metakocka confirmed the change, so it may or may not have been saved. Look the record up (e.g. by buyer order) before trying again.</source>
        <translation>Povezava se je prekinila, preden je Metakocka potrdila spremembo, zato morda je shranjena, morda pa ne. Preden poskusite znova, poiščite zapis (npr. po naročilu kupca).</translation>
    </message>
    <message>
        <source>Metakocka sent an answer mkdesk cannot read. Try again; if it persists, report it.</source>
        <translation>Metakocka je poslala odgovor, ki ga mkdesk ne zna prebrati. Poskusite znova; če se ponavlja, to sporočite.</translation>
    </message>
    <message>
        <source>{entity}: sync cancelled</source>
        <extracomment>the same texts as `mkdesk.core.sync.engine.LOG_TEMPLATES`</extracomment>
        <translation>{entity}: sinhronizacija preklicana</translation>
    </message>
    <message>
        <source>{entity}: skipped a record that cannot be read</source>
        <translation>{entity}: preskočen zapis, ki ga ni mogoče prebrati</translation>
    </message>
    <message>
        <source>{entity}: {message}</source>
        <translation>{entity}: {message}</translation>
    </message>
    <message>
        <source>Internal error while syncing ({kind}: {detail})</source>
        <translation>Notranja napaka med sinhronizacijo ({kind}: {detail})</translation>
    </message>
    <message>
        <source>The mail server rejected the user name or password. Check both and try again.</source>
        <extracomment>IMAP failures by class name (`core/mail/imap_endpoint.py`), most specific first along the class&apos;s MRO</extracomment>
        <translation>Poštni strežnik je zavrnil uporabniško ime ali geslo. Preverite oboje in poskusite znova.</translation>
    </message>
    <message>
        <source>Cannot reach the mail server. Check the address and the port, and that this computer is online.</source>
        <translation>Poštni strežnik ni dosegljiv. Preverite naslov in vrata ter ali je ta računalnik povezan z internetom.</translation>
    </message>
    <message>
        <source>The secure connection to the mail server failed. Check the security setting and the port; mkdesk never connects without checking the server&apos;s certificate.</source>
        <translation>Varna povezava s poštnim strežnikom ni uspela. Preverite nastavitev varnosti in vrata; mkdesk se nikoli ne poveže brez preverjanja potrdila strežnika.</translation>
    </message>
    <message>
        <source>The connection to the mail server broke. Try again.</source>
        <translation>Povezava s poštnim strežnikom se je prekinila. Poskusite znova.</translation>
    </message>
    <message>
        <source>The mail server stopped answering. Try again in a few minutes.</source>
        <translation>Poštni strežnik se ne odziva več. Poskusite znova čez nekaj minut.</translation>
    </message>
    <message>
        <source>The mail server refused a request.</source>
        <translation>Poštni strežnik je zavrnil zahtevo.</translation>
    </message>
    <message>
        <source>The keychain could not be read (is it locked?), so this mail account&apos;s password is not available. Unlock the keychain and try again.</source>
        <translation>Shrambe ključev ni bilo mogoče prebrati (je zaklenjena?), zato geslo tega poštnega računa ni na voljo. Odklenite shrambo ključev in poskusite znova.</translation>
    </message>
    <message>
        <source>No password is stored for this mail account. Open the account settings and enter it.</source>
        <translation>Za ta poštni račun ni shranjenega gesla. Odprite nastavitve poštnega računa in ga vnesite.</translation>
    </message>
    <message>
        <source>The mail server reported a problem.</source>
        <translation>Poštni strežnik je sporočil težavo.</translation>
    </message>
    <message>
        <source>Something went wrong ({kind}).</source>
        <translation>Nekaj je šlo narobe ({kind}).</translation>
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
    <message numerus="yes">
        <source>Synced %n day(s) ago</source>
        <translation>
            <numerusform>Sinhronizirano pred %n dnevom</numerusform>
            <numerusform>Sinhronizirano pred %n dnevoma</numerusform>
            <numerusform>Sinhronizirano pred %n dnevi</numerusform>
            <numerusform>Sinhronizirano pred %n dnevi</numerusform>
        </translation>
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
    <name>MailTab</name>
    <message>
        <source>Search mail: sender, subject, text…  (Ctrl+F)</source>
        <extracomment>after the last change of products or documents, the context&apos;s indexes are rebuilt this much later: a sync&apos;s changes come entity by entity, and the ~0.5 s rebuild then runs once, when the views have refreshed (run beside their refresh, it took the GIL from the GUI thread&apos;s callbacks: a 117 ms stall at the end of the large sync)</extracomment>
        <translation>Iskanje pošte: pošiljatelj, zadeva, besedilo …  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Import mail…</source>
        <translation>Uvozi pošto …</translation>
    </message>
    <message>
        <source>Import .eml or .mbox files (or drop them, or a Maildir folder, here)</source>
        <translation>Uvozi datoteke .eml ali .mbox (lahko jih, tudi mapo Maildir, povlečete sem)</translation>
    </message>
    <message>
        <source>Mark as unread</source>
        <translation>Označi kot neprebrano</translation>
    </message>
    <message>
        <source>Import a Maildir folder…</source>
        <translation>Uvozi mapo Maildir …</translation>
    </message>
    <message>
        <source>Add a mail account (IMAP)…</source>
        <translation>Dodaj poštni račun (IMAP) …</translation>
    </message>
    <message>
        <source>Mail accounts…</source>
        <translation>Poštni računi …</translation>
    </message>
    <message>
        <source>Change an account&apos;s password, folders or CA file, or remove it</source>
        <translation>Spremenite geslo, mape ali datoteko CA računa ali ga odstranite</translation>
    </message>
    <message>
        <source>Check for new mail</source>
        <translation>Preveri novo pošto</translation>
    </message>
    <message>
        <source>Could not prepare the mail context: {error}</source>
        <translation>Podatkov za sporočilo ni bilo mogoče pripraviti: {error}</translation>
    </message>
    <message>
        <source>Could not change the read mark: {error}</source>
        <translation>Oznake prebranosti ni bilo mogoče spremeniti: {error}</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Označi kot prebrano</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Nalaganje …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln sporočilo</numerusform>
            <numerusform>%Ln sporočili</numerusform>
            <numerusform>%Ln sporočila</numerusform>
            <numerusform>%Ln sporočil</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unread</source>
        <translation>
            <numerusform>%Ln neprebrano</numerusform>
            <numerusform>%Ln neprebrani</numerusform>
            <numerusform>%Ln neprebrana</numerusform>
            <numerusform>%Ln neprebranih</numerusform>
        </translation>
    </message>
    <message>
        <source>No message matches “{text}”.</source>
        <translation>Iskanju »{text}« ne ustreza nobeno sporočilo.</translation>
    </message>
    <message>
        <source>No mail yet. Import .eml, .mbox or Maildir files (drop them here) or add an IMAP account.</source>
        <translation>Pošte še ni. Uvozite datoteke .eml, .mbox ali Maildir (povlecite jih sem) ali dodajte poštni račun IMAP.</translation>
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
        <source>Sync log</source>
        <translation>Dnevnik sinhronizacije</translation>
    </message>
    <message>
        <source>What each sync did, errors and diagnostics (Ctrl+L)</source>
        <translation>Potek vsake sinhronizacije, napake in diagnostika (Ctrl+L)</translation>
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
    <name>NotesEditor</name>
    <message>
        <source>My notes</source>
        <translation>Moje opombe</translation>
    </message>
    <message>
        <source>Your own notes on this partner — kept on this computer, never sent to Metakocka.</source>
        <translation>Vaše lastne opombe o tem partnerju — shranjene na tem računalniku, nikoli poslane v Metakocko.</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>Ni shranjeno: {error}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Shranjevanje …</translation>
    </message>
    <message>
        <source>Saved {when}</source>
        <translation>Shranjeno {when}</translation>
    </message>
    <message>
        <source>The note cannot be read: {error}</source>
        <translation>Opombe ni mogoče prebrati: {error}</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Še ni shranjeno</translation>
    </message>
    <message>
        <source>this partner is no longer in the cache (copy the text elsewhere)</source>
        <translation>tega partnerja ni več v lokalni kopiji (besedilo kopirajte drugam)</translation>
    </message>
    <message>
        <source>a note holds at most {n} characters</source>
        <translation>opomba ima lahko največ {n} znakov</translation>
    </message>
</context>
<context>
    <name>PartnerPane</name>
    <message>
        <source>Revenue, last 12 months</source>
        <extracomment>messages of the partner&apos;s email history listed in the pane (the count says how many there are in all)</extracomment>
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
        <source>(no subject)</source>
        <translation>(brez zadeve)</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Zadeva</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Pošiljatelj</translation>
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
    <message>
        <source>Email history</source>
        <translation>Zgodovina e-pošte</translation>
    </message>
    <message>
        <source>… and {n} older</source>
        <translation>… in še {n} starejših</translation>
    </message>
</context>
<context>
    <name>PdfBar</name>
    <message>
        <source>Open PDF</source>
        <translation>Odpri PDF</translation>
    </message>
    <message>
        <source>Open the document as Metakocka prints it (kept on this computer for offline use)</source>
        <translation>Odpri dokument, kot ga natisne Metakocka (shranjen na tem računalniku za delo brez povezave)</translation>
    </message>
    <message>
        <source>Refresh PDF</source>
        <translation>Osveži PDF</translation>
    </message>
    <message>
        <source>Download the PDF again from Metakocka</source>
        <translation>Ponovno prenesi PDF iz Metakocke</translation>
    </message>
    <message>
        <source>Downloading the PDF from Metakocka…</source>
        <translation>Prenašanje PDF-ja iz Metakocke …</translation>
    </message>
    <message>
        <source>Opening the PDF…</source>
        <translation>Odpiranje PDF-ja …</translation>
    </message>
    <message>
        <source>No PDF viewer could open {path}.</source>
        <translation>Noben pregledovalnik PDF ni mogel odpreti datoteke {path}.</translation>
    </message>
    <message>
        <source>Not downloaded yet</source>
        <translation>Še ni preneseno</translation>
    </message>
    <message>
        <source>Connect to Metakocka to download the PDF.</source>
        <translation>Za prenos PDF-ja se povežite z Metakocko.</translation>
    </message>
    <message>
        <source>Cached {when} · the document changed since</source>
        <translation>Preneseno {when} · dokument se je medtem spremenil</translation>
    </message>
    <message>
        <source>Cached {when}</source>
        <translation>Preneseno {when}</translation>
    </message>
    <message>
        <source>The PDF of this document has not been downloaded yet and Metakocka cannot be reached. Open it again when you are online.</source>
        <translation>PDF tega dokumenta še ni prenesen, Metakocka pa ni dosegljiva. Odprite ga znova, ko boste povezani.</translation>
    </message>
    <message>
        <source>Metakocka sent something that is not a PDF, so it was not kept. Try again later.</source>
        <translation>Metakocka je poslala datoteko, ki ni PDF, zato ni bila shranjena. Poskusite znova pozneje.</translation>
    </message>
    <message>
        <source>This document is no longer in the local cache, so its PDF cannot be shown.</source>
        <translation>Tega dokumenta ni več v lokalni kopiji, zato njegovega PDF-ja ni mogoče prikazati.</translation>
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
        <translation>Količina</translation>
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
    <message numerus="yes">
        <source>%Ln product(s)</source>
        <translation>
            <numerusform>%Ln izdelek</numerusform>
            <numerusform>%Ln izdelka</numerusform>
            <numerusform>%Ln izdelki</numerusform>
            <numerusform>%Ln izdelkov</numerusform>
        </translation>
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
        <source>The keychain could not be read (is it locked?), so mkdesk cannot connect to Metakocka. Unlock it and restart mkdesk, or enter the secret key again in Settings.</source>
        <translation>Shrambe ključev ni bilo mogoče prebrati (je zaklenjena?), zato se mkdesk ne more povezati z Metakocko. Odklenite jo in znova zaženite mkdesk ali pa v Nastavitvah znova vnesite skrivni ključ.</translation>
    </message>
    <message>
        <source>Sync cancelled.</source>
        <translation>Sinhronizacija je preklicana.</translation>
    </message>
    <message>
        <source>Mail: {error}</source>
        <translation>Pošta: {error}</translation>
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
    <name>ReaderPane</name>
    <message>
        <source>Remote images are blocked to protect your privacy.</source>
        <translation>Oddaljene slike so zaradi varstva zasebnosti blokirane.</translation>
    </message>
    <message>
        <source>Show remote content</source>
        <translation>Prikaži oddaljeno vsebino</translation>
    </message>
    <message>
        <source>This message is no longer in the cache.</source>
        <translation>Tega sporočila ni več v lokalni kopiji.</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(brez zadeve)</translation>
    </message>
    <message>
        <source>Shown as well as possible: {what}</source>
        <translation>Prikazano, kolikor je bilo mogoče: {what}</translation>
    </message>
    <message>
        <source>Could not change the message: {error}</source>
        <translation>Sporočila ni bilo mogoče spremeniti: {error}</translation>
    </message>
    <message>
        <source>Save {name} ({size})…</source>
        <translation>Shrani {name} ({size}) …</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>Shranjeno: {name}.</translation>
    </message>
    <message>
        <source>Could not save {name}: {error}</source>
        <translation>Datoteke {name} ni bilo mogoče shraniti: {error}</translation>
    </message>
    <message>
        <source>Select a message to read it.</source>
        <translation>Izberite sporočilo, da ga preberete.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Za</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Kp</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Could not read the message: {error}</source>
        <translation>Sporočila ni bilo mogoče prebrati: {error}</translation>
    </message>
</context>
<context>
    <name>RevenueChart</name>
    <message>
        <source>Revenue</source>
        <translation>Promet</translation>
    </message>
    <message>
        <source>No invoiced revenue in this period</source>
        <translation>V tem obdobju ni fakturiranega prometa</translation>
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
        <source>Checking the keychain…</source>
        <translation>Preverjam shrambo ključev …</translation>
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
        <source>The keychain could not be read, so mkdesk cannot tell whether a secret key is saved. You can still type the key and save it.</source>
        <translation>Shrambe ključev ni bilo mogoče prebrati, zato mkdesk ne ve, ali je skrivni ključ shranjen. Ključ lahko vseeno vnesete in ga shranite.</translation>
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
        <source>The keychain could not be read, so the saved secret key cannot be used. Type the key and try again.</source>
        <translation>Shrambe ključev ni bilo mogoče prebrati, zato shranjenega skrivnega ključa ni mogoče uporabiti. Vnesite ključ in poskusite znova.</translation>
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
        <source>The keychain could not be read, so mkdesk cannot tell whether a secret key is saved. Type the key and press Save again.</source>
        <translation>Shrambe ključev ni bilo mogoče prebrati, zato mkdesk ne ve, ali je skrivni ključ shranjen. Vnesite ključ in znova pritisnite Shrani.</translation>
    </message>
    <message>
        <source>The keychain did not store the secret key, so the settings were not saved. Unlock the keychain (or check that it is running) and press Save again.</source>
        <translation>Shramba ključev skrivnega ključa ni shranila, zato nastavitve niso bile shranjene. Odklenite shrambo ključev (ali preverite, da deluje) in znova pritisnite Shrani.</translation>
    </message>
    <message>
        <source>The settings could not be saved: {error}</source>
        <translation>Nastavitev ni bilo mogoče shraniti: {error}</translation>
    </message>
    <message>
        <source>The settings could not be saved ({kind}).</source>
        <translation>Nastavitev ni bilo mogoče shraniti ({kind}).</translation>
    </message>
</context>
<context>
    <name>SyncControls</name>
    <message>
        <source>Click to see each entity&apos;s progress</source>
        <extracomment>sync-log entries kept (older ones are pruned once a session, when the controls are built)</extracomment>
        <translation>Kliknite za prikaz napredka posameznih vrst podatkov</translation>
    </message>
    <message>
        <source>Next automatic sync: {entities} at {time}</source>
        <translation>Naslednja samodejna sinhronizacija: {entities} ob {time}</translation>
    </message>
</context>
<context>
    <name>SyncLogModel</name>
    <message>
        <source>Debug</source>
        <translation>Razhroščevanje</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Informacija</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Opozorilo</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Napaka</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Čas</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Raven</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Vrsta podatkov</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Sporočilo</translation>
    </message>
</context>
<context>
    <name>SyncLogView</name>
    <message>
        <source>Sync log</source>
        <translation>Dnevnik sinhronizacije</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Vse ravni</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Napake</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Opozorila in napake</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Informacije in višje</translation>
    </message>
    <message>
        <source>All entities</source>
        <translation>Vse vrste podatkov</translation>
    </message>
    <message>
        <source>Hide resolved</source>
        <translation>Skrij rešene</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Raven:</translation>
    </message>
    <message>
        <source>Entity:</source>
        <translation>Vrsta podatkov:</translation>
    </message>
    <message>
        <source>Select an entry to see its details.</source>
        <translation>Izberite vnos za prikaz podrobnosti.</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Označi kot rešeno</translation>
    </message>
    <message>
        <source>Export diagnostics…</source>
        <translation>Izvozi diagnostiko …</translation>
    </message>
    <message>
        <source>Save a report for support; passwords and keys are masked</source>
        <translation>Shrani poročilo za podporo; gesla in ključi so prikriti</translation>
    </message>
    <message>
        <source>Mark unresolved</source>
        <translation>Označi kot nerešeno</translation>
    </message>
    <message>
        <source>Could not save: {error}</source>
        <translation>Shranjevanje ni uspelo: {error}</translation>
    </message>
    <message>
        <source>Export diagnostics</source>
        <translation>Izvoz diagnostike</translation>
    </message>
    <message>
        <source>Zip archive (*.zip);;Text file (*.txt)</source>
        <translation>Arhiv ZIP (*.zip);;Besedilna datoteka (*.txt)</translation>
    </message>
    <message>
        <source>Exporting diagnostics…</source>
        <translation>Izvažanje diagnostike …</translation>
    </message>
    <message>
        <source>Diagnostics saved to {path}</source>
        <translation>Diagnostika je shranjena v {path}</translation>
    </message>
    <message>
        <source>Diagnostics could not be saved: {error}</source>
        <translation>Diagnostike ni bilo mogoče shraniti: {error}</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <source>All</source>
        <translation>Vse</translation>
    </message>
    <message>
        <source>Sync everything (F5)</source>
        <translation>Sinhroniziraj vse (F5)</translation>
    </message>
    <message>
        <source>Auto-sync</source>
        <translation>Samodejna sinhronizacija</translation>
    </message>
    <message>
        <source>Uncheck to pause the automatic sync of this entity</source>
        <translation>Odznačite, da začasno ustavite samodejno sinhronizacijo te vrste podatkov</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Preparing the demo company…</source>
        <extracomment>what `MainWindow.attach` and the demo&apos;s sync controls import (tabs, mail, context pane with simplemma, charts)</extracomment>
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
