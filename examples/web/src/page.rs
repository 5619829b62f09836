//! The page's two panels, wired to the DOM that `index.html` declares.

use std::time::Duration;

use cstar::chat::{ChatClient, ChatMessage};
use cstar::library::LibraryClient;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Document, HtmlInputElement};

/// Where the emulator listens when the page's URL does not say (`cargo run -p cstar-mock`).
const DEFAULT_API: &str = "http://127.0.0.1:12111";
/// The emulator's default team.
const DEFAULT_TEAM: &str = "acme";

fn document() -> Result<Document, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_owned())
}

fn element(id: &str) -> Result<web_sys::Element, String> {
    document()?
        .get_element_by_id(id)
        .ok_or_else(|| format!("the page has no #{id}"))
}

fn input(id: &str) -> Result<HtmlInputElement, String> {
    element(id)?
        .dyn_into::<HtmlInputElement>()
        .map_err(|_| format!("#{id} is not an input"))
}

fn param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Writes a line in the status bar (errors are shown, never thrown).
pub(crate) fn show_status(text: &str) {
    if let Ok(status) = element("status") {
        status.set_text_content(Some(text));
    }
}

fn append(list_id: &str, text: &str) -> Result<(), String> {
    let item = document()?.create_element("li").map_err(|_| "no <li>")?;
    item.set_text_content(Some(text));
    element(list_id)?
        .append_child(&item)
        .map_err(|_| format!("cannot add to #{list_id}"))?;
    Ok(())
}

fn on_click(id: &str, handler: impl FnMut() + 'static) -> Result<(), String> {
    let closure = Closure::<dyn FnMut()>::new(handler);
    element(id)?
        .add_event_listener_with_callback("click", closure.as_ref().unchecked_ref())
        .map_err(|_| format!("cannot listen on #{id}"))?;
    // The listener lives as long as the page.
    closure.forget();
    Ok(())
}

/// Wires both panels; searches at once when the URL carries `q`.
pub(crate) fn mount() -> Result<(), String> {
    let api = param("api").unwrap_or_else(|| DEFAULT_API.to_owned());
    let team = param("team").unwrap_or_else(|| DEFAULT_TEAM.to_owned());
    let mut library = LibraryClient::builder(team.as_str()).base_url(api.as_str());
    // A publishable key reads its environment's knowledge base (the emulator seeds the test one).
    if let Some(key) = param("key") {
        library = library.publishable_key(key);
    }
    let library = library.build().map_err(|e| e.to_string())?;
    let chat = ChatClient::builder(team.as_str())
        .base_url(api.as_str())
        .polling_interval(Duration::from_secs(2))
        .build()
        .map_err(|e| e.to_string())?;
    show_status(&format!("{api} · team {team}"));

    let searcher = library.clone();
    on_click("search-go", move || {
        let library = searcher.clone();
        wasm_bindgen_futures::spawn_local(async move { search(&library).await });
    })?;
    if let Some(query) = param("q") {
        input("search")?.set_value(&query);
        wasm_bindgen_futures::spawn_local(async move { search(&library).await });
    }
    wire_chat(chat)
}

async fn search(library: &LibraryClient) {
    let Ok(query) = input("search").map(|i| i.value()) else {
        return;
    };
    match library.search(&query, Some(10)).await {
        Ok(articles) => {
            let _ = render_results(&articles.data);
        }
        Err(error) => show_status(&format!("search failed: {error}")),
    }
}

fn render_results(articles: &[cstar::library::LibraryArticle]) -> Result<(), String> {
    element("results")?.set_inner_html("");
    for article in articles {
        append("results", &article.title)?;
    }
    let body = document()?.body().ok_or("no body")?;
    let data = body.dataset();
    if data.get("firstResultMs").is_none() {
        let ms = web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now());
        let _ = data.set("firstResultMs", &format!("{ms:.1}"));
    }
    let _ = data.set("results", &articles.len().to_string());
    show_status(&format!("{} articles", articles.len()));
    Ok(())
}

fn show_message(message: ChatMessage) {
    let _ = append(
        "messages",
        &format!("{}: {}", message.sender, message.content),
    );
}

fn wire_chat(chat: ChatClient) -> Result<(), String> {
    let conversation = std::rc::Rc::new(std::cell::RefCell::new(None::<String>));
    let (starter, started) = (chat.clone(), conversation.clone());
    on_click("chat-send", move || {
        let (chat, conversation) = (starter.clone(), started.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(text) = input("chat-text").map(|i| i.value()) else {
                return;
            };
            let open = conversation.borrow().clone();
            let result = match open {
                Some(id) => chat.send(&id, &text).await.map(|_| ()),
                None => start_conversation(&chat, &text).await.map(|id| {
                    *conversation.borrow_mut() = Some(id);
                }),
            };
            match result {
                Ok(()) => {
                    if let Ok(i) = input("chat-text") {
                        i.set_value("");
                    }
                }
                Err(error) => show_status(&format!("chat failed: {error}")),
            }
        });
    })
}

/// Opens a conversation with the first message and follows it: live over SSE, else by polling.
async fn start_conversation(chat: &ChatClient, text: &str) -> cstar::Result<String> {
    let conversation = chat
        .create_conversation("Help from the web page", text)
        .await?;
    for message in chat.messages(&conversation.id).await? {
        show_message(message);
    }
    let subscription = chat.on_message(&conversation.id, show_message).await?;
    // The panel follows its conversation until the page closes.
    std::mem::forget(subscription);
    Ok(conversation.id.into_string())
}
