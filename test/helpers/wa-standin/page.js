/*
 * The stand-in WhatsApp Web page. It offers the module surface that
 * whatsapp-web.js 1.34.7 injects against (window.require(name), window.Debug,
 * the Socket/Conn/Cmd models and the collections) and is driven by the test
 * through the stand-in server: /__standin/state on boot (the phone's
 * history), a long poll on /__standin/next for commands, and POSTs to
 * /__standin/event for what the page did (messages sent, seen chats).
 * Pairing is kept in localStorage, i.e. in the browser profile that
 * LocalAuth keeps: deleting the session folder unpairs, as on the real page.
 */
(function () {
  'use strict';
  const post = (kind, data) =>
    fetch('/__standin/event', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, data }) }).catch(() => {});

  const LISTENERS = Symbol('listeners');
  class Emitter {
    constructor() {
      Object.defineProperty(this, LISTENERS, { value: new Map(), enumerable: false });
    }
    on(events, fn) {
      for (const e of String(events).split(/\s+/)) {
        if (!this[LISTENERS].has(e)) this[LISTENERS].set(e, []);
        this[LISTENERS].get(e).push(fn);
        this.onListen?.(e);
      }
      return this;
    }
    off(events, fn) {
      for (const e of String(events).split(/\s+/)) {
        const l = this[LISTENERS].get(e);
        if (l) this[LISTENERS].set(e, l.filter((f) => f !== fn && f.orig !== fn));
      }
      return this;
    }
    once(event, fn) {
      const w = (...a) => {
        this.off(event, w);
        fn(...a);
      };
      w.orig = fn;
      return this.on(event, w);
    }
    listenerCount(e) {
      return (this[LISTENERS].get(e) || []).length;
    }
    emit(event, ...args) {
      for (const fn of [...(this[LISTENERS].get(event) || [])]) {
        try {
          const r = fn(...args);
          if (r && typeof r.catch === 'function') r.catch((e) => console.error('listener', event, e));
        } catch (e) {
          console.error('listener', event, e);
        }
      }
    }
  }

  class Wid {
    constructor(s) {
      const str = typeof s === 'string' ? s : s._serialized;
      const [user, server] = str.split('@');
      this.server = server;
      this.user = user;
      this._serialized = str;
    }
    isLid() {
      return this.server === 'lid';
    }
    isGroup() {
      return this.server === 'g.us';
    }
    isUser() {
      return this.server === 'c.us' || this.server === 'lid';
    }
    isStatus() {
      return this.user === 'status';
    }
    isNewsletter() {
      return this.server === 'newsletter';
    }
    isBroadcast() {
      return this.server === 'broadcast';
    }
    toString() {
      return this._serialized;
    }
    toJid() {
      return this._serialized.replace('@c.us', '@s.whatsapp.net');
    }
    equals(o) {
      return o && o._serialized === this._serialized;
    }
  }
  const createWid = (s) => (s instanceof Wid ? s : new Wid(s));
  const plain = (v) => {
    if (v instanceof Wid) return { server: v.server, user: v.user, _serialized: v._serialized };
    if (v instanceof Collection) return v.getModelsArray().map((m) => m.id._serialized);
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
      const o = {};
      for (const k of Object.keys(v)) if (typeof v[k] !== 'function') o[k] = plain(v[k]);
      return o;
    }
    return v;
  };

  class Model extends Emitter {
    constructor(attrs) {
      super();
      Object.assign(this, attrs);
    }
    set(key, value) {
      const prev = this[key];
      this[key] = value;
      this.emit(`change:${key}`, this, value, prev);
      this.emit('change', this);
    }
    serialize() {
      return plain(this);
    }
    unsafe() {
      return this;
    }
  }

  class MsgKey {
    constructor({ from, to, id, participant, selfDir }) {
      this.fromMe = selfDir === 'out';
      this.remote = createWid(selfDir === 'out' ? to : from);
      this.id = id;
      if (participant) this.participant = participant;
      this._serialized = `${this.fromMe}_${this.remote._serialized}_${id}`;
    }
    static async newId() {
      return `3EB0${Math.random().toString(16).slice(2, 14).toUpperCase()}`;
    }
    toString() {
      return this._serialized;
    }
  }

  class Msg extends Model {
    constructor(attrs) {
      super(attrs);
      if (!(this.id instanceof MsgKey)) {
        const k = Object.create(MsgKey.prototype);
        Object.assign(k, this.id, { remote: createWid(this.id.remote) });
        this.id = k;
      }
      this.from = createWid(this.from);
      this.to = createWid(this.to);
    }
    get mediaObject() {
      return undefined;
    }
    updateAck(ack) {
      this.set('ack', ack);
    }
  }

  class Collection extends Emitter {
    constructor(modelClass, keyOf) {
      super();
      this.modelClass = modelClass;
      Object.defineProperty(this, 'models', { value: new Map(), enumerable: false });
      this.keyOf = keyOf || ((m) => m.id._serialized);
    }
    get(id) {
      if (id == null) return undefined;
      return this.models.get(typeof id === 'string' ? id : id._serialized);
    }
    add(model, { silent } = {}) {
      const key = this.keyOf(model);
      if (this.models.has(key)) return this.models.get(key);
      this.models.set(key, model);
      // Collections relay their models' events, as Backbone collections do.
      const relay = model.emit.bind(model);
      model.emit = (event, ...args) => {
        relay(event, ...args);
        if (event.startsWith('change')) this.emit(event, ...args);
      };
      if (!silent) this.emit('add', model);
      return model;
    }
    remove(model) {
      this.models.delete(this.keyOf(model));
      this.emit('remove', model);
    }
    getModelsArray() {
      return [...this.models.values()];
    }
    get length() {
      return this.models.size;
    }
    async find(id) {
      return this.get(id);
    }
    async update() {}
    async getMessagesById(ids) {
      return { messages: ids.map((i) => this.get(i)).filter(Boolean) };
    }
  }

  // ------------------------------------------------------------- the world
  let world = { boot: 'normal', ready: 'normal', qrRotateMs: 20000, qrRotations: 5, me: '4930123456', history: {}, loadedPerChat: 5, lids: {}, notOnWhatsApp: [] };
  const ME = () => `${world.me}@c.us`;
  const MY_LID = () => `99${world.me}@lid`;

  const Socket = new Model({ state: 'OPENING', hasSynced: false });
  const Conn = new Model({ ref: '', platform: 'android', pushname: 'Laden', battery: 80, plugged: true });
  Conn.serialize = () => ({ ref: Conn.ref, platform: Conn.platform, pushname: Conn.pushname, battery: Conn.battery, plugged: Conn.plugged });
  const Cmd = new Emitter();
  Cmd.refreshQR = () => rotateQr();
  const collections = {
    Msg: new Collection(Msg),
    Chat: new Collection(Model),
    Contact: new Collection(Model),
    Blocklist: new Collection(Model),
    BusinessProfile: new Collection(Model),
    GroupMetadata: new Collection(Model),
    Label: new Collection(Model),
  };
  collections.Contact.find = async (id) => {
    const wid = createWid(id);
    return collections.Contact.get(wid) || collections.Contact.add(new Model({ id: wid, isBusiness: false, isEnterprise: false }), { silent: true });
  };

  let offlineProgress = 0;
  let pairingType;
  const chatFor = (remote) => {
    const wid = createWid(remote);
    let chat = collections.Chat.get(wid);
    if (!chat) {
      chat = collections.Chat.add(new Model({ id: wid, t: 0, name: wid.user, unreadCount: 0, archive: false, pin: 0, isReadOnly: false, mute: { expiration: 0 }, formattedTitle: wid.user, lastReceivedKey: null }));
      Object.defineProperty(chat, 'msgs', { value: new Collection(Msg), enumerable: true });
      Object.defineProperty(chat, 'earlier', { value: [], enumerable: false });
    }
    return chat;
  };
  const toMsg = (r) => {
    const fromMe = Boolean(r.fromMe);
    const remote = r.chat;
    const data = {
      id: { fromMe, remote, id: r.id, _serialized: `${fromMe}_${remote}_${r.id}` },
      type: r.type || 'chat',
      body: r.body || '',
      t: r.t,
      from: fromMe ? ME() : remote,
      to: fromMe ? remote : ME(),
      ack: r.ack ?? (fromMe ? 1 : 0),
      notifyName: r.notifyName || '',
      isNewMsg: Boolean(r.isNewMsg),
      star: false,
      broadcast: false,
      mentionedJidList: [],
      groupMentions: [],
      isForwarded: false,
      labels: [],
      hasReaction: false,
      viewMode: 'VISIBLE',
    };
    if (r.subtype) data.subtype = r.subtype;
    if (r.media) {
      Object.assign(data, { directPath: `/v/t62/${r.id}`, mediaKey: `key-${r.id}`, mimetype: r.media.mimetype, filename: r.media.filename, caption: r.body, size: r.media.size || 1 });
      if (r.media.seconds) data.duration = String(r.media.seconds);
      // The bytes are served by the stand-in server (the "media CDN"); the page resolves them on download.
      data.mediaData = { mediaStage: 'RESOLVED' };
    }
    if (r.quote) {
      // A reply with quote carries the quoted message's stanza id and sender, as WhatsApp Web's messages do.
      const quotedFrom = r.quote.fromMe ? ME() : remote;
      const quoted = collections.Msg.get(`${Boolean(r.quote.fromMe)}_${remote}_${r.quote.id}`);
      Object.assign(data, { quotedMsg: { type: 'chat', body: quoted ? quoted.body : '' }, quotedStanzaID: r.quote.id, quotedParticipant: createWid(quotedFrom), quotedRemoteJid: createWid(remote) });
    }
    return new Msg(data);
  };
  const addToChat = (msg, { live }) => {
    const chat = chatFor(msg.id.remote);
    chat.msgs.add(msg, { silent: true });
    if (msg.t > chat.t) chat.t = msg.t;
    if (!msg.id.fromMe) {
      chat.lastReceivedKey = msg.id;
      chat.set('unreadCount', chat.unreadCount + 1);
    }
    msg.isNewMsg = live;
    collections.Msg.add(msg, { silent: !live });
  };
  /** What the phone has: the newest few per chat are loaded, older ones come with loadEarlierMsgs. */
  const loadHistory = () => {
    for (const [remote, list] of Object.entries(world.history)) {
      const chat = chatFor(remote);
      const sorted = [...list].sort((a, b) => a.t - b.t);
      const cut = Math.max(0, sorted.length - world.loadedPerChat);
      for (const r of sorted.slice(0, cut)) chat.earlier.push(toMsg(r));
      for (const r of sorted.slice(cut)) addToChat(toMsg(r), { live: false });
      chat.t = sorted.length ? sorted[sorted.length - 1].t : chat.t;
    }
  };

  // ------------------------------------------------------------ QR and sync
  let qrTimer;
  let qrCount = 0;
  const rotateQr = () => {
    clearTimeout(qrTimer);
    qrCount++;
    Conn.set('ref', `2@standin-ref-${qrCount}-${Date.now()}`);
    post('qr', { n: qrCount });
    if (qrCount >= world.qrRotations) {
      // WhatsApp Web stops rotating and waits for a click on "reload QR".
      Socket.set('state', 'UNPAIRED_IDLE');
      return;
    }
    qrTimer = setTimeout(rotateQr, world.qrRotateMs);
  };
  let syncScheduled = false;
  const maybeSync = () => {
    if (syncScheduled || Socket.state !== 'CONNECTED' || Socket.hasSynced) return;
    if (Socket.listenerCount('change:hasSynced') === 0) return;
    syncScheduled = true;
    let p = 0;
    const step = () => {
      if (world.ready === 'never') {
        // WhatsApp Web changed: progress stops and hasSynced never comes.
        offlineProgress = 42;
        Cmd.emit('offline_progress_update_from_bridge');
        return;
      }
      p += 50;
      offlineProgress = Math.min(100, p);
      Cmd.emit('offline_progress_update_from_bridge');
      if (p >= 100) Socket.set('hasSynced', true);
      else setTimeout(step, 100);
    };
    setTimeout(step, 100);
  };
  Socket.onListen = (e) => {
    if (e === 'change:hasSynced') setTimeout(maybeSync, 50);
  };
  Socket.logout = async () => {
    localStorage.removeItem('standin-paired');
    post('logout', {});
    Cmd.emit('logout');
    setTimeout(() => location.assign('/?post_logout=1'), 50);
  };
  Socket.takeover = () => Socket.set('state', 'CONNECTED');

  const goConnected = () => {
    Socket.set('state', 'CONNECTED');
    maybeSync();
  };

  // -------------------------------------------------------------- commands
  const commands = {
    scan() {
      if (Socket.state !== 'UNPAIRED' && Socket.state !== 'UNPAIRED_IDLE') return;
      clearTimeout(qrTimer);
      localStorage.setItem('standin-paired', '1');
      Socket.set('state', 'PAIRING');
      setTimeout(goConnected, 100);
    },
    message(r) {
      // quiet: lands in the page's store without a live event (offline delivery, or a missed event).
      const msg = toMsg({ ...r, isNewMsg: !r.quiet });
      addToChat(msg, { live: !r.quiet });
    },
    ack({ id, ack }) {
      const m = collections.Msg.get(id);
      if (m) m.set('ack', ack);
    },
    state({ state }) {
      Socket.set('state', state);
    },
    decrypt({ id, body }) {
      const m = collections.Msg.get(id);
      if (!m) return;
      m.body = body;
      m.set('type', 'chat');
    },
    revoke({ id }) {
      const m = collections.Msg.get(id);
      if (!m) return;
      m.body = '';
      m.set('type', 'revoked');
    },
    edit({ id, body }) {
      const m = collections.Msg.get(id);
      if (!m) return;
      const prev = m.body;
      m.body = body;
      m.emit('change:body', m, body, prev);
    },
    logoutFromPhone() {
      localStorage.removeItem('standin-paired');
      Cmd.emit('logout_from_bridge');
      setTimeout(() => location.assign('/?post_logout=1'), 50);
    },
    readOnPhone({ chat }) {
      // The shop opened the chat on the phone: WhatsApp Web's chat model drops its unread count.
      const c = collections.Chat.get(chat);
      if (c) c.set('unreadCount', 0);
    },
    unpair() {
      localStorage.removeItem('standin-paired');
      Socket.set('state', 'UNPAIRED');
    },
    hang() {
      // The page stops answering: every evaluate from now on waits forever.
      const end = Date.now() + 3_600_000;
      while (Date.now() < end) {
        /* busy */
      }
    },
  };
  let cursor = 0;
  const poll = async () => {
    for (;;) {
      try {
        const r = await fetch(`/__standin/next?after=${cursor}`);
        const list = await r.json();
        for (const c of list) {
          cursor = c.seq;
          try {
            commands[c.op]?.(c.args || {});
          } catch (e) {
            console.error('command', c.op, e);
          }
        }
      } catch {
        await new Promise((res) => setTimeout(res, 200));
      }
    }
  };

  // ------------------------------------------------------------ the modules
  const sendMsgToChat = (chat, message) => {
    const msg = new Msg({ ...message, id: message.id });
    const done = (async () => {
      await new Promise((r) => setTimeout(r, world.sendDelayMs || 0));
      addToChat(msg, { live: true });
      chat.t = msg.t;
      post('sent', { id: msg.id._serialized, chat: msg.id.remote._serialized, body: msg.body, t: msg.t, type: msg.type });
      return msg;
    })();
    return [done, done.then(() => ({ messageSendResult: 'OK' }))];
  };
  const contactGetters = {
    getIsMe: (c) => c.id._serialized === ME() || c.id._serialized === MY_LID(),
    getIsUser: (c) => c.id.isUser(),
    getIsGroup: (c) => c.id.isGroup(),
    getIsWAContact: () => true,
    getUserid: (c) => c.id.user,
    getVerifiedName: () => undefined,
    getVerifiedLevel: () => undefined,
    getStatusMute: () => false,
    getName: () => undefined,
    getShortName: () => undefined,
    getPushname: (c) => c.pushname,
    getIsEnterprise: () => false,
    getPhoneNumber: (c) => c.phoneNumber,
  };
  const lidOf = (wid) => {
    const hit = Object.entries(world.lids).find(([, pn]) => pn === wid._serialized);
    return hit ? createWid(hit[0]) : undefined;
  };
  const pnOf = (wid) => (world.lids[wid._serialized] ? createWid(world.lids[wid._serialized]) : undefined);
  const findLinks = (text) => {
    const out = [];
    const re = /https?:\/\/[^\s]+/g;
    let m;
    while ((m = re.exec(String(text || '')))) out.push({ href: m[0], url: m[0], suspiciousCharacters: undefined });
    return out;
  };
  const emptyModule = () => ({});
  const modules = {
    WAWebSocketModel: () => ({ Socket }),
    WAWebConnModel: () => ({ Conn }),
    WAWebCmd: () => ({ Cmd }),
    WAWebCollections: () => collections,
    WAWebOfflineHandler: () => ({ OfflineMessageHandler: { getOfflineDeliveryProgress: () => offlineProgress } }),
    WAWebAltDeviceLinkingApi: () => ({
      initializeQRLinking: async () => rotateQr(),
      setPairingType: (t) => {
        pairingType = t;
      },
      initializeAltDeviceLinking: async () => {},
      // world.pairing 'hang': WhatsApp Web never answers a code request made while it links by QR.
      startAltLinkingFlow: (phone) => {
        post('pairing', { phone, type: pairingType });
        if (world.pairing === 'hang') return new Promise(() => {});
        return Promise.resolve(world.pairingCode || 'K7QP2XWM');
      },
    }),
    WABase64: () => ({ encodeB64: (u) => btoa(String.fromCharCode(...new Uint8Array(u))) }),
    WAWebCompanionRegClientUtils: () => ({ DEVICE_PLATFORM: 'Chrome' }),
    WAWebAdvSignatureApi: emptyModule,
    WAWebUserPrefsInfoStore: () => ({ waNoiseInfo: { get: async () => ({ staticKeyPair: { pubKey: new Uint8Array([1, 2, 3]) } }) } }),
    WAWebSignalStoreApi: () => ({ waSignalStore: { getRegistrationInfo: async () => ({ identityKeyPair: { pubKey: new Uint8Array([4, 5, 6]) } }) } }),
    WAWebUserPrefsMultiDevice: () => ({ getADVSecretKey: () => 'adv-secret' }),
    WAWebUserPrefsMeUser: () => ({ getMaybeMePnUser: () => createWid(ME()), getMaybeMeLidUser: () => createWid(MY_LID()), getMePnUserOrThrow: () => createWid(ME()) }),
    WAWebMiscBrowserUtils: () => ({ info: () => ({ os: 'Linux', name: 'Chrome', version: '120' }) }),
    WAWebWidFactory: () => ({
      createWid,
      createWidFromWidLike: (w) => createWid(w._serialized || w),
      asUserWidOrThrow: (w) => createWid(w),
      toUserWid: (w) => createWid(w),
    }),
    WAWebMsgKey: () => MsgKey,
    WAWebChatGetters: () => ({ getIsNewsletter: (c) => c.id.isNewsletter(), getIsBroadcast: (c) => c.id.isBroadcast(), getIsGroup: (c) => c.id.isGroup() }),
    WALinkify: () => ({ findLink: (t) => findLinks(t)[0] || null, findLinks }),
    WAWebLinkPreviewChatAction: () => ({ getLinkPreview: async () => null }),
    WAWebGetEphemeralFieldsMsgActionsUtils: () => ({ getEphemeralFields: () => ({}) }),
    WAWebSendMsgChatAction: () => ({ addAndSendMsgToChat: sendMsgToChat }),
    WAWebFindChatAction: () => ({
      findOrCreateLatestChat: async (wid) => {
        if (world.notOnWhatsApp.includes(wid._serialized)) throw new Error('No LID for user');
        return { chat: chatFor(wid) };
      },
    }),
    WAWebChatLoadMessages: () => ({
      loadEarlierMsgs: async ({ chat }) => {
        const page = chat.earlier.splice(Math.max(0, chat.earlier.length - 20));
        for (const m of page) addToChat(m, { live: false });
        return page;
      },
    }),
    WAWebStreamModel: () => ({ Stream: { markAvailable() {}, markUnavailable() {} } }),
    WAWebUpdateUnreadChatAction: () => ({
      sendSeen: async ({ chat }) => {
        chat.set('unreadCount', 0);
        post('seen', { chat: chat.id._serialized });
      },
    }),
    WAWebApiContact: () => ({ getAlternateUserWid: () => undefined, getCurrentLid: lidOf, getPhoneNumber: pnOf }),
    WAWebQueryExistsJob: () => ({
      queryWidExists: async (wid) => (world.notOnWhatsApp.includes(wid._serialized) ? null : { wid }),
    }),
    WAWebContactGetters: () => contactGetters,
    WAWebFrontendContactGetters: () => ({ getIsMyContact: () => false }),
    WAWebLidMigrationUtils: () => ({ toPn: (w) => pnOf(createWid(w)) }),
    WAWebSyncGatingUtils: () => ({ isPlaceholderMessageResendEnabled: () => false }),
    WAWebNonMessageDataRequestPlaceholderMessageResendUtils: () => ({ handlePlaceholderMsgsSeen: () => {} }),
    WAWebCallCollection: () => {
      const c = new Emitter();
      c.calls = new Map();
      return c;
    },
    WAWebLaunchSocketUtils: () => ({ refreshQR: () => rotateQr() }),
    WAWebMsgReply: () => ({ canReplyMsg: () => true }),
    WAWebDownloadManager: () => ({
      downloadManager: {
        downloadAndMaybeDecrypt: async ({ directPath }) => {
          const id = String(directPath).split('/').pop();
          const r = await fetch(`/__standin/media/${encodeURIComponent(id)}`);
          if (!r.ok) throw Object.assign(new Error(`media ${r.status}`), { status: r.status });
          return r.arrayBuffer();
        },
      },
    }),
    WAWebQuotedMsgModelUtils: () => ({
      getQuotedMsgObj: (msg) => {
        if (!msg || !msg.quotedStanzaID) return undefined;
        const fromMe = msg.quotedParticipant && msg.quotedParticipant._serialized === ME();
        const remote = msg.id.remote._serialized;
        const known = collections.Msg.get(`${Boolean(fromMe)}_${remote}_${msg.quotedStanzaID}`);
        if (known) return known;
        return toMsg({ id: msg.quotedStanzaID, chat: remote, fromMe, body: msg.quotedMsg ? msg.quotedMsg.body : '', t: msg.t });
      },
    }),
    WAWebL10N: () => ({ getLocale: () => 'de' }),
  };
  // Everything else whatsapp-web.js names is a feature Tresen does not use;
  // each exists (the guard test checks the list) as an empty module.
  for (const name of window.__STANDIN_OTHER_MODULES__ || []) if (!modules[name]) modules[name] = emptyModule;
  const cache = new Map();
  window.__standinModuleNames = () => Object.keys(modules);

  const bootPage = async () => {
    try {
      world = { ...world, ...(await (await fetch('/__standin/state')).json()) };
    } catch (e) {
      console.error('state', e);
    }
    if (world.boot === 'never') return; // the new WhatsApp Web: nothing the library knows
    window.require = (name) => {
      if (!cache.has(name)) {
        const f = modules[name];
        if (!f) return undefined;
        cache.set(name, f());
      }
      return cache.get(name);
    };
    cursor = world.cursor || 0;
    loadHistory();
    window.Debug = { VERSION: world.version || '2.3000.1023456789' };
    poll();
    setTimeout(() => {
      if (localStorage.getItem('standin-paired') === '1' && world.paired !== false) {
        goConnected();
      } else {
        Socket.set('state', 'UNPAIRED');
        rotateQr();
      }
    }, 150);
  };
  bootPage();
})();
