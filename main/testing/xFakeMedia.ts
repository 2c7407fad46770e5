// The X fake's v2 media upload: initialize, append (multipart), finalize, STATUS with async processing, alt text.

export interface FakeMedia {
  readonly id: string;
  readonly owner: string;
  readonly mime: string;
  readonly total: number;
  readonly category: string;
  bytes: number;
  finalized: boolean;
  state: 'pending' | 'in_progress' | 'succeeded' | 'failed';
  checks: number;
  alt: string | null;
}

export interface FakeReply {
  readonly status: number;
  /** null: an empty body (204). */
  readonly body: unknown;
}

const json = (status: number, body: unknown): FakeReply => ({ status, body });

/** X's problem-details body. */
export const problem = (status: number, title: string, detail: string, type = 'about:blank') => ({ title, detail, type, status });

export class XFakeMedia {
  readonly items = new Map<string, FakeMedia>();
  /** The next media to finish processing fails instead. */
  failNextProcessing = false;

  constructor(
    private readonly processingSteps: number,
    private readonly nextId: () => string,
  ) {}

  initialize(user: string, b: Record<string, unknown>): FakeReply {
    const mime = String(b.media_type ?? '');
    const total = Number(b.total_bytes);
    if (!mime || !Number.isFinite(total) || total <= 0) {
      return json(400, {
        errors: [{ message: 'media_type and total_bytes are required.' }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    }
    const id = this.nextId();
    this.items.set(id, {
      id,
      owner: user,
      mime,
      total,
      category: String(b.media_category ?? ''),
      bytes: 0,
      finalized: false,
      state: 'pending',
      checks: 0,
      alt: null,
    });
    return json(200, { data: { id, media_key: `3_${id}`, expires_after_secs: 86_400 } });
  }

  async step(id: string, step: string, contentType: string, raw: Buffer): Promise<FakeReply> {
    const m = this.items.get(id);
    if (!m) return json(400, problem(400, 'Invalid Request', 'The media_id is invalid.'));
    if (step === 'append') {
      const form = await new Request('http://fake/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(raw),
      }).formData();
      const chunk = form.get('media');
      if (!(chunk instanceof Blob) || form.get('segment_index') === null)
        return json(400, problem(400, 'Invalid Request', 'media and segment_index are required.'));
      m.bytes += chunk.size;
      return { status: 204, body: null };
    }
    if (m.bytes !== m.total) return json(400, problem(400, 'Invalid Request', `File size mismatch: got ${m.bytes} of ${m.total} bytes.`));
    m.finalized = true;
    const processes = m.category === 'tweet_gif' || m.category === 'tweet_video';
    if (!processes) m.state = 'succeeded';
    return json(200, {
      data: {
        id,
        media_key: `3_${id}`,
        size: m.total,
        expires_after_secs: 86_400,
        ...(processes ? { processing_info: { state: 'pending', check_after_secs: 1 } } : {}),
      },
    });
  }

  status(id: string): FakeReply {
    const m = this.items.get(id);
    if (!m?.finalized) return json(400, problem(400, 'Invalid Request', 'The media_id is invalid.'));
    if (m.state === 'pending' || m.state === 'in_progress') {
      m.checks++;
      if (m.checks >= this.processingSteps) {
        m.state = this.failNextProcessing ? 'failed' : 'succeeded';
        this.failNextProcessing = false;
      } else m.state = 'in_progress';
    }
    const info: Record<string, unknown> = { state: m.state };
    if (m.state === 'in_progress') Object.assign(info, { check_after_secs: 1, progress_percent: 50 });
    if (m.state === 'failed') info.error = { code: 1, name: 'InvalidMedia', message: 'Unsupported video codec' };
    return json(200, { data: { id, media_key: `3_${id}`, processing_info: info } });
  }

  metadata(b: Record<string, unknown>): FakeReply {
    const m = this.items.get(String(b.id));
    const text = (b.metadata as { alt_text?: { text?: string } } | undefined)?.alt_text?.text;
    if (!m || typeof text !== 'string' || text.length > 1000)
      return json(400, problem(400, 'Invalid Request', 'Invalid media id or alt text.'));
    m.alt = text;
    return json(200, { data: { id: m.id, associated_metadata: { alt_text: { text } } } });
  }
}
